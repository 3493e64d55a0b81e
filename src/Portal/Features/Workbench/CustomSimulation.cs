using System.Text.Json;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.ServiceControlPolicies;

namespace MirrorTower.Portal.Features.Workbench;

/// <summary>A request to decide, as the workbench and the test suites write it.</summary>
public sealed record SimulatedRequest(string PrincipalArn, string Action, string Resource, string? Region, IReadOnlyList<KeyValuePair<string, string[]>> Context)
{
    public AuthorizationRequest ToAuthorization() => new(PrincipalArn, Action, Resource, Region, Context);
}

/// <summary>
/// Reads the workbench's JSON (<c>{"levels":[{"name","policies":[...]}],"rcpLevels":[...],"managementAccount","request":{...}}</c>)
/// and decides it with the engine: the SCP levels as the principal's account, and the optional RCP levels as the
/// resource's account (for the services RCPs cover), as the organization decides. Every problem is named by its path: level, policy, element, and line and
/// column for JSON syntax errors (a policy may be given as a JSON object or as pasted text).
/// </summary>
public static class CustomSimulation
{
    public static OperationResult<SimulationResult> Run(string body)
    {
        var errors = new FieldErrors();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            errors.Add("body", $"JSON syntax error at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}.");
            return OperationResult<SimulationResult>.Invalid(errors);
        }
        using (document)
        {
            var root = document.RootElement;
            if (InvalidText(root) is { } path)
            {
                return OperationResult<SimulationResult>.Invalid(errors.Add("body", $"The string at {path} is not valid Unicode text (a lone surrogate escape)."));
            }
            var chain = root.ValueKind == JsonValueKind.Object ? ReadLevels(root, errors, "levels", PolicyType.ServiceControlPolicy) : null;
            var rcps = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rcpLevels", out var rcpLevels) && rcpLevels.ValueKind != JsonValueKind.Null
                ? ReadLevels(root, errors, "rcpLevels", PolicyType.ResourceControlPolicy) : null;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "The body is a JSON object with levels, managementAccount and request.");
            }
            var management = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("managementAccount", out var m) && m.ValueKind == JsonValueKind.True;
            SimulatedRequest? request = null;
            if (root.ValueKind == JsonValueKind.Object)
            {
                request = root.TryGetProperty("request", out var r)
                    ? ReadRequest(r, "request", errors)
                    : Missing(errors);
            }
            if (!errors.IsEmpty)
            {
                return OperationResult<SimulationResult>.Invalid(errors);
            }
            var authorization = request!.ToAuthorization();
            var scope = new AuthorizationScope(management ? null : chain, management ? "requests in the management account are not subject to SCPs" : null,
                rcps is not null && PolicyTypes.RcpsCover(authorization.Action) ? rcps : null,
                rcps is null ? "no RCP level was given" : $"{authorization.Action.Split(':')[0]} is not a service RCPs cover (S3, STS, KMS, SQS, Secrets Manager)");
            var decision = OrganizationPolicies.Explain(scope, authorization);
            return OperationResult<SimulationResult>.Success(new SimulationResult(decision.Decision, decision.Deciding, decision.Summary,
                decision.Trace, PolicySimulator.ControlOf(decision.Deciding)));
        }
    }

    private static SimulatedRequest? Missing(FieldErrors errors)
    {
        errors.Add("request", "The request is required: principalArn, action, resource, region, context.");
        return null;
    }

    private static PolicyChain? ReadLevels(JsonElement root, FieldErrors errors, string field, PolicyType type)
    {
        if (!root.TryGetProperty(field, out var levels) || levels.ValueKind != JsonValueKind.Array || levels.GetArrayLength() == 0)
        {
            errors.Add(field, $"{field} is a non-empty array of {{\"name\", \"policies\"}}, from the root down to the account.");
            return null;
        }
        var result = new List<PolicyLevel>();
        var index = 0;
        foreach (var level in levels.EnumerateArray())
        {
            var path = $"{field}[{index++}]";
            var name = level.ValueKind == JsonValueKind.Object && level.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()! : $"level {index}";
            if (level.ValueKind != JsonValueKind.Object || !level.TryGetProperty("policies", out var policies) || policies.ValueKind != JsonValueKind.Array)
            {
                errors.Add(path, $"Level {name} needs a policies array (it may be empty: a level without {type.Label()}s allows nothing).");
                continue;
            }
            var compiled = new List<ServiceControlPolicy>();
            var p = 0;
            foreach (var policy in policies.EnumerateArray())
            {
                var policyPath = $"{path}.policies[{p++}]";
                var text = policy.ValueKind == JsonValueKind.String ? policy.GetString()! : policy.GetRawText();
                // RCP levels hold RCPFullAWSAccess, whose Allow a saved custom RCP may not have: they are read by the grammar, not strictly.
                var parsed = PolicyParser.Parse(text, PolicyName(policy, name, p), strict: type == PolicyType.ServiceControlPolicy, type);
                foreach (var error in parsed.Errors)
                {
                    errors.Add($"{policyPath}.{error.Element}", $"Level {name}, policy {p}: {error}");
                }
                if (parsed.Policy is not null)
                {
                    compiled.Add(parsed.Policy);
                }
            }
            result.Add(new PolicyLevel(name, compiled));
        }
        return new PolicyChain(result, type);
    }

    private static string PolicyName(JsonElement policy, string level, int position) =>
        policy.ValueKind == JsonValueKind.Object && policy.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()! : $"{level} policy {position}";

    /// <summary>Reads <c>{"principalArn","action","resource","region","context":{"key":"value" or [..]}}</c>.</summary>
    public static SimulatedRequest? ReadRequest(JsonElement request, string path, FieldErrors errors)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "The request is an object: principalArn, action, resource, region, context.");
            return null;
        }
        string? Text(string name) => request.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var principal = Text("principalArn");
        var action = Text("action");
        if (string.IsNullOrWhiteSpace(principal) || !principal.StartsWith("arn:", StringComparison.Ordinal))
        {
            errors.Add($"{path}.principalArn", "principalArn is required, an ARN such as arn:aws:iam::111122223333:role/Developer.");
        }
        if (string.IsNullOrWhiteSpace(action) || action.Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            errors.Add($"{path}.action", "action is required as service:Operation, e.g. s3:DeleteBucket.");
        }
        var context = new List<KeyValuePair<string, string[]>>();
        if (request.TryGetProperty("context", out var contextElement) && contextElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in contextElement.EnumerateObject())
            {
                string[]? values = key.Value.ValueKind switch
                {
                    JsonValueKind.String => [key.Value.GetString()!],
                    JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => [key.Value.GetRawText()],
                    JsonValueKind.Array when key.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                        key.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                    _ => null,
                };
                if (values is null)
                {
                    errors.Add($"{path}.context.{key.Name}", "A context key takes a string, a boolean, a number or an array of strings.");
                }
                else
                {
                    context.Add(KeyValuePair.Create(key.Name, values));
                }
            }
        }
        var resource = Text("resource");
        var broken = errors.ToDictionary().Keys.Any(k => k.StartsWith(path, StringComparison.Ordinal));
        return broken ? null : new SimulatedRequest(principal!, action!, string.IsNullOrWhiteSpace(resource) ? "*" : resource, Text("region"), context);
    }

    // JSON may escape half a surrogate pair ("\ud800"), which no .NET string can read: find it before anything reads it.
    private static string? InvalidText(JsonElement element, string path = "$")
    {
        try
        {
            return InvalidTextWithin(element, path);
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }

    private static string? InvalidTextWithin(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                element.GetString();
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (InvalidText(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (InvalidText(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
