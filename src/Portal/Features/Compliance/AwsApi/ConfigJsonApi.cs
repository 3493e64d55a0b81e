using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Compliance.AwsApi;

/// <summary>
/// AWS Config over JSON 1.1 (<c>X-Amz-Target: StarlingDoveService.*</c>), for the key's account and Region: the
/// detective controls in effect there are its Config rules, named as Control Tower names them
/// (<c>AWSControlTower_AWS-GR_…</c>), and the answers are their real results. Config is regional: a resource counts in
/// the Region it lives in.
/// </summary>
public static class ConfigJsonApi
{
    private const string TargetPrefix = "StarlingDoveService.";
    private const string RulePrefix = "AWSControlTower_";

    private sealed record Rule(string Name, DetectiveRule Detective, string Id, string Arn);

    private sealed record Result(ComplianceResult Verdict, AccountResource Resource);

    private sealed record Call(JsonObject Input, AwsRequest Request, IReadOnlyList<Rule> Rules, IReadOnlyList<Result> Results, IServiceProvider Services);

    private static readonly Dictionary<string, Func<Call, Task<object>>> Handlers = new(StringComparer.Ordinal)
    {
        ["DescribeConfigRules"] = call => Answer(Paged(call, "ConfigRules", Named(call).Select(r => (object)new
        {
            ConfigRuleName = r.Name, ConfigRuleArn = r.Arn, ConfigRuleId = r.Id, r.Detective.Description,
            Scope = new { ComplianceResourceTypes = new[] { r.Detective.ResourceType } },
            Source = new { Owner = "AWS", SourceIdentifier = r.Detective.ControlIdentifier.Replace("AWS-GR_", "", StringComparison.Ordinal) },
            ConfigRuleState = "ACTIVE", CreatedBy = "controltower.amazonaws.com",
        }), 25)),
        ["DescribeComplianceByConfigRule"] = call =>
        {
            var types = Types(call);
            return Answer(Paged(call, "ComplianceByConfigRules", Named(call)
                .Select(r => (Rule: r, Compliance: Summary(call.Results.Where(x => x.Verdict.ControlIdentifier == r.Detective.ControlIdentifier))))
                .Where(x => types.Contains(x.Compliance.Type))
                .Select(x => (object)new { ConfigRuleName = x.Rule.Name, Compliance = Shape(x.Compliance) }), 25));
        },
        ["DescribeComplianceByResource"] = call =>
        {
            var types = Types(call);
            var resources = call.Results.Where(x => Matches(call, x.Resource)).GroupBy(x => x.Resource.Id)
                .Select(g => (Resource: g.First().Resource, Compliance: Summary(g)))
                .Where(x => types.Contains(x.Compliance.Type)).OrderBy(x => x.Resource.Type, StringComparer.Ordinal).ThenBy(x => x.Resource.Name, StringComparer.Ordinal);
            return Answer(Paged(call, "ComplianceByResources", resources.Select(x => (object)new
            {
                ResourceType = x.Resource.Type, ResourceId = x.Resource.Name, Compliance = Shape(x.Compliance),
            }), Limit(call)));
        },
        ["GetComplianceDetailsByConfigRule"] = call =>
        {
            var name = call.Input["ConfigRuleName"]?.GetValue<string>() ?? throw new AwsError("InvalidParameterValueException", "ConfigRuleName is required.");
            var rule = call.Rules.FirstOrDefault(r => r.Name == name) ?? throw NoSuchRule(name);
            var types = Types(call, defaultAll: true);
            return Answer(Paged(call, "EvaluationResults", call.Results.Where(x => x.Verdict.ControlIdentifier == rule.Detective.ControlIdentifier)
                .Where(x => types.Contains(x.Verdict.Compliance.ToString())).Select(x => Evaluation(rule, x)), Limit(call)));
        },
        ["GetComplianceDetailsByResource"] = call =>
        {
            if (call.Input["ResourceType"] is null || call.Input["ResourceId"] is null)
            {
                throw new AwsError("InvalidParameterValueException", "ResourceType and ResourceId are required.");
            }
            var types = Types(call, defaultAll: true);
            return Answer(Paged(call, "EvaluationResults", call.Results.Where(x => Matches(call, x.Resource) && types.Contains(x.Verdict.Compliance.ToString()))
                .Select(x => Evaluation(call.Rules.First(r => r.Detective.ControlIdentifier == x.Verdict.ControlIdentifier), x)), 100));
        },
        ["StartConfigRulesEvaluation"] = async call =>
        {
            _ = Named(call).ToList();
            await call.Services.GetRequiredService<ComplianceEvaluation>().EvaluateAsync(ComplianceScope.Accounts([call.Request.AccountId]));
            return new { };
        },
    };

    public static async Task ServeAsync(HttpContext context, AwsRequest request)
    {
        var operation = AwsJson.Operation(context, TargetPrefix, Handlers.Keys, "Config");
        var input = AwsJson.Body(request, "SerializationException");
        await using var db = await context.RequestServices.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(context.RequestAborted);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: context.RequestAborted);
        var rules = org.Account(request.AccountId) is { } account
            ? ComplianceEvaluation.RulesFor(org, account).Select(r => RuleOf(request, r)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList()
            : [];
        var resources = await db.AccountResources.AsNoTracking().Where(r => r.AccountId == request.AccountId && r.Region == request.Region)
            .ToDictionaryAsync(r => r.Id, context.RequestAborted);
        var results = (await db.ComplianceResults.AsNoTracking().Where(r => r.AccountId == request.AccountId).ToListAsync(context.RequestAborted))
            .Where(r => resources.ContainsKey(r.ResourceId) && rules.Any(rule => rule.Detective.ControlIdentifier == r.ControlIdentifier))
            .Select(r => new Result(r, resources[r.ResourceId])).ToList();
        var answer = await Handlers[operation](new Call(input, request, rules, results, context.RequestServices));
        await AwsJson.WriteAsync(context, request, answer);
    }

    private static Rule RuleOf(AwsRequest request, DetectiveRule rule)
    {
        var id = "config-rule-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.AccountId}/{request.Region}/{rule.ControlIdentifier}")))[..6].ToLowerInvariant();
        return new Rule(RulePrefix + rule.ControlIdentifier, rule, id, $"arn:aws:config:{request.Region}:{request.AccountId}:config-rule/{id}");
    }

    private static Task<object> Answer(object value) => Task.FromResult(value);

    /// <summary>The rules named in <c>ConfigRuleNames</c>, all when none is; an unknown name is NoSuchConfigRuleException.</summary>
    private static IEnumerable<Rule> Named(Call call)
    {
        var names = Strings(call.Input["ConfigRuleNames"]);
        if (names.Count == 0)
        {
            return call.Rules;
        }
        return names.Select(n => call.Rules.FirstOrDefault(r => r.Name == n) ?? throw NoSuchRule(n)).ToList();
    }

    private static AwsError NoSuchRule(string name) =>
        new("NoSuchConfigRuleException", $"The ConfigRule '{name}' provided in the request is invalid: no detective control of this account and Region has that name.");

    private static List<string> Strings(JsonNode? node) => node is JsonArray list ? [.. list.Select(n => n?.GetValue<string>() ?? "")] : [];

    private static HashSet<string> Types(Call call, bool defaultAll = false)
    {
        var types = Strings(call.Input["ComplianceTypes"]);
        var known = new[] { "COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE", "INSUFFICIENT_DATA" };
        if (types.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
        {
            throw new AwsError("InvalidParameterValueException", $"ComplianceTypes: '{unknown}' is not one of {string.Join(", ", known)}.");
        }
        return types.Count > 0 ? [.. types] : defaultAll ? [.. known] : ["COMPLIANT", "NON_COMPLIANT", "INSUFFICIENT_DATA"];
    }

    private static bool Matches(Call call, AccountResource resource) =>
        (call.Input["ResourceType"]?.GetValue<string>() is not { } type || type == resource.Type)
        && (call.Input["ResourceId"]?.GetValue<string>() is not { } id || id == resource.Name);

    /// <summary>AWS's roll-up: non-compliant when any result is (counting them), else compliant when any is, else no data.</summary>
    private static (string Type, int Count) Summary(IEnumerable<Result> results)
    {
        var list = results.ToList();
        var noncompliant = list.Count(x => x.Verdict.Compliance == ComplianceType.NON_COMPLIANT);
        return noncompliant > 0 ? ("NON_COMPLIANT", noncompliant)
            : list.Any(x => x.Verdict.Compliance == ComplianceType.COMPLIANT) ? ("COMPLIANT", 0)
            : ("INSUFFICIENT_DATA", 0);
    }

    private static object Shape((string Type, int Count) compliance) => compliance.Type == "NON_COMPLIANT"
        ? new { ComplianceType = compliance.Type, ComplianceContributorCount = new { CappedCount = Math.Min(compliance.Count, 100), CapExceeded = compliance.Count > 100 } }
        : new { ComplianceType = compliance.Type };

    private static object Evaluation(Rule rule, Result result)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(result.Verdict.EvaluatedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0;
        return new
        {
            EvaluationResultIdentifier = new
            {
                EvaluationResultQualifier = new { ConfigRuleName = rule.Name, ResourceType = result.Resource.Type, ResourceId = result.Resource.Name },
                OrderingTimestamp = at,
            },
            ComplianceType = result.Verdict.Compliance.ToString(), ResultRecordedTime = at, ConfigRuleInvokedTime = at, result.Verdict.Annotation,
        };
    }

    private static int Limit(Call call)
    {
        var limit = call.Input["Limit"] is { } l ? l.GetValue<int>() : 100;
        return limit is >= 0 and <= 100 ? (limit == 0 ? 100 : limit) : throw new AwsError("InvalidParameterValueException", "Limit runs from 0 to 100.");
    }

    private static Dictionary<string, object?> Paged(Call call, string name, IEnumerable<object> items, int max)
    {
        var (page, next) = AwsPaging.Page(items.ToList(), call.Input["NextToken"]?.GetValue<string>(), max, "InvalidNextTokenException");
        var answer = new Dictionary<string, object?> { [name] = page };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }
        return answer;
    }
}
