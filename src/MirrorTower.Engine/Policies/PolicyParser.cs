using System.Text.Json;

namespace MirrorTower.Engine.Policies;

/// <summary>A problem in a policy document: the element it concerns and, for JSON syntax, where.</summary>
public sealed record PolicyError(string Element, string Message, long? Line = null, long? Column = null)
{
    public override string ToString() => Line is null
        ? $"{Element}: {Message}"
        : $"{Element}: {Message} (line {Line}, column {Column})";
}

public sealed record PolicyParseResult(ServiceControlPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Policy is not null;
}

/// <summary>
/// Parses and validates an SCP document against the grammar of the reference: <c>Version</c>,
/// <c>Statement</c> (object or array) with <c>Sid</c>, <c>Effect</c>, <c>Action</c>/<c>NotAction</c>,
/// <c>Resource</c>/<c>NotResource</c> and <c>Condition</c>. Every error is reported, not only the first.
/// </summary>
public static class PolicyParser
{
    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];
    private static readonly HashSet<string> TopLevel = ["Version", "Statement", "Id"];
    private static readonly HashSet<string> StatementElements = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    // RCP syntax (AWS Organizations user guide, "RCP syntax"): a Principal, which must be "*", and no NotAction.
    private static readonly HashSet<string> RcpStatementElements = ["Sid", "Effect", "Principal", "Action", "Resource", "NotResource", "Condition"];

    /// <param name="strict">
    /// Also refuse what AWS refuses in resource ARNs (<see cref="ResourcePattern.Problem"/>): for a document being saved or
    /// simulated. A stored document is read leniently, so that one saved before the rule still decides as it did.
    /// </param>
    /// <param name="type">
    /// The grammar: an RCP statement needs <c>"Principal": "*"</c> and has no NotAction; a strict RCP has no Allow (only
    /// AWS's RCPFullAWSAccess does).
    /// </param>
    public static PolicyParseResult Parse(string json, string name, bool strict = false, PolicyType type = PolicyType.ServiceControlPolicy)
    {
        var errors = new List<PolicyError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
            errors.Add(new PolicyError("(document)", $"JSON syntax error: {message}", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1));
            return new PolicyParseResult(null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new PolicyError("(document)", "A policy is a JSON object."));
                return new PolicyParseResult(null, errors);
            }
            foreach (var property in root.EnumerateObject().Where(p => !TopLevel.Contains(p.Name)))
            {
                errors.Add(new PolicyError(property.Name, $"Unknown element '{property.Name}': a policy has Version, Statement and Id."));
            }
            if (!root.TryGetProperty("Version", out var version) || version.ValueKind != JsonValueKind.String
                || !Versions.Contains(version.GetString()))
            {
                errors.Add(new PolicyError("Version", "Version is required and must be \"2012-10-17\" (or \"2008-10-17\")."));
            }

            var statements = new List<PolicyStatement>();
            if (!root.TryGetProperty("Statement", out var statementElement))
            {
                errors.Add(new PolicyError("Statement", "Statement is required."));
            }
            else
            {
                var items = statementElement.ValueKind switch
                {
                    JsonValueKind.Array => statementElement.EnumerateArray().ToList(),
                    JsonValueKind.Object => [statementElement],
                    _ => null,
                };
                if (items is null || items.Count == 0)
                {
                    errors.Add(new PolicyError("Statement", "Statement must be an object or a non-empty array of objects."));
                }
                for (var i = 0; items is not null && i < items.Count; i++)
                {
                    if (ParseStatement(items[i], i, errors, strict, type) is { } statement)
                    {
                        statements.Add(statement);
                    }
                }
            }

            return errors.Count == 0
                ? new PolicyParseResult(new ServiceControlPolicy(name, statements, json.Length), errors)
                : new PolicyParseResult(null, errors);
        }
    }

    private static PolicyStatement? ParseStatement(JsonElement element, int index, List<PolicyError> errors, bool strict, PolicyType type)
    {
        var path = $"Statement[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new PolicyError(path, "A statement is a JSON object."));
            return null;
        }
        var before = errors.Count;
        var rcp = type == PolicyType.ResourceControlPolicy;
        foreach (var property in element.EnumerateObject().Where(p => !(rcp ? RcpStatementElements : StatementElements).Contains(p.Name)))
        {
            errors.Add(new PolicyError($"{path}.{property.Name}", (property.Name, rcp) switch
            {
                ("Principal", false) => "SCPs do not support Principal: use a condition on aws:PrincipalArn.",
                ("NotAction", true) => "RCPs do not support NotAction: list the actions to deny in Action.",
                (_, true) => $"Unknown element '{property.Name}': an RCP statement has Sid, Effect, Principal, Action, Resource or NotResource, and Condition.",
                _ => $"Unknown element '{property.Name}': a statement has Sid, Effect, Action or NotAction, Resource or NotResource, and Condition.",
            }));
        }
        if (rcp && (!element.TryGetProperty("Principal", out var principal) || principal.ValueKind != JsonValueKind.String || principal.GetString() != "*"))
        {
            errors.Add(new PolicyError($"{path}.Principal", "An RCP statement needs \"Principal\": \"*\" (the only value RCPs support; narrow it with conditions such as aws:PrincipalOrgID)."));
        }

        string? sid = null;
        if (element.TryGetProperty("Sid", out var sidElement))
        {
            if (sidElement.ValueKind == JsonValueKind.String)
            {
                sid = sidElement.GetString();
            }
            else
            {
                errors.Add(new PolicyError($"{path}.Sid", "Sid must be a string."));
            }
        }

        var effect = Effect.Allow;
        if (!element.TryGetProperty("Effect", out var effectElement) || effectElement.ValueKind != JsonValueKind.String
            || !Enum.TryParse(effectElement.GetString(), ignoreCase: false, out effect) || !Enum.IsDefined(effect))
        {
            errors.Add(new PolicyError($"{path}.Effect", "Effect is required and must be \"Allow\" or \"Deny\"."));
        }
        else if (rcp && strict && effect == Effect.Allow)
        {
            errors.Add(new PolicyError($"{path}.Effect", "An RCP statement denies: Allow is only supported in AWS's RCPFullAWSAccess."));
        }

        var (actions, notAction) = rcp && element.TryGetProperty("NotAction", out _) ? ([], false)
            : ReadEither(element, path, "Action", "NotAction", errors);
        foreach (var action in actions.Where(a => a != "*" && !a.Contains(':')))
        {
            errors.Add(new PolicyError($"{path}.{(notAction ? "NotAction" : "Action")}", $"'{action}' is not an action: write service:Operation, e.g. s3:DeleteBucket."));
        }
        var (resources, notResource) = ReadEither(element, path, "Resource", "NotResource", errors);
        if (strict)
        {
            foreach (var problem in resources.Select(ResourcePattern.Problem).OfType<string>())
            {
                errors.Add(new PolicyError($"{path}.{(notResource ? "NotResource" : "Resource")}", problem));
            }
        }
        var conditions = element.TryGetProperty("Condition", out var conditionElement)
            ? ParseConditions(conditionElement, $"{path}.Condition", errors)
            : [];

        return errors.Count == before
            ? new PolicyStatement(index, sid, effect, actions, notAction, resources, notResource, conditions)
            : null;
    }

    private static (IReadOnlyList<string> Values, bool Negated) ReadEither(
        JsonElement statement, string path, string positive, string negative, List<PolicyError> errors)
    {
        var hasPositive = statement.TryGetProperty(positive, out var positiveElement);
        var hasNegative = statement.TryGetProperty(negative, out var negativeElement);
        if (hasPositive == hasNegative)
        {
            errors.Add(new PolicyError($"{path}.{positive}", $"A statement has exactly one of {positive} and {negative}."));
            return ([], false);
        }
        var element = hasPositive ? positiveElement : negativeElement;
        var name = hasPositive ? positive : negative;
        var values = ReadStrings(element);
        if (values is null || values.Count == 0 || values.Any(string.IsNullOrEmpty))
        {
            errors.Add(new PolicyError($"{path}.{name}", $"{name} must be a non-empty string or array of non-empty strings."));
            return ([], false);
        }
        return (values, !hasPositive);
    }

    private static List<ConditionClause> ParseConditions(JsonElement element, string path, List<PolicyError> errors)
    {
        var clauses = new List<ConditionClause>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new PolicyError(path, "Condition must be an object of operators."));
            return clauses;
        }
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var operatorPath = $"{path}.{operatorProperty.Name}";
            if (!ConditionOperators.TryParse(operatorProperty.Name, out var op, out var set, out var ifExists))
            {
                errors.Add(new PolicyError(operatorPath, $"Unknown condition operator '{operatorProperty.Name}'."));
                continue;
            }
            if (operatorProperty.Value.ValueKind != JsonValueKind.Object || !operatorProperty.Value.EnumerateObject().Any())
            {
                errors.Add(new PolicyError(operatorPath, "An operator takes an object of condition keys and values."));
                continue;
            }
            foreach (var key in operatorProperty.Value.EnumerateObject())
            {
                var values = ReadStrings(key.Value);
                if (values is null || values.Count == 0)
                {
                    errors.Add(new PolicyError($"{operatorPath}.{key.Name}", "A condition key takes a string, a boolean, a number or an array of them."));
                    continue;
                }
                if (values.FirstOrDefault(v => !ConditionValues.IsValid(op, v)) is { } invalid)
                {
                    errors.Add(new PolicyError($"{operatorPath}.{key.Name}", op is ConditionOperator.Bool or ConditionOperator.Null
                        ? $"{op} takes true or false."
                        : $"{op} takes {ConditionValues.KindOf(op)}: '{invalid}' is not one."));
                    continue;
                }
                clauses.Add(new ConditionClause(operatorProperty.Name, op, set, ifExists, key.Name, values));
            }
        }
        return clauses;
    }

    private static List<string>? ReadStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => [element.GetRawText()],
        JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number)
            => element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList(),
        _ => null,
    };
}
