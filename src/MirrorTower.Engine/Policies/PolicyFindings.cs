using System.Text.RegularExpressions;

namespace MirrorTower.Engine.Policies;

public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>One finding on a policy: how bad, the element it points at, the statement (its Sid or number), and why.</summary>
public sealed record PolicyFinding(FindingSeverity Severity, string Element, string? Statement, string Message);

/// <summary>
/// Validates an SCP document in the spirit of IAM Access Analyzer's policy validation: errors are what AWS refuses
/// (the grammar, unknown operators, values of the wrong kind, resource ARNs, a Sid used twice); warnings are
/// statements that are valid but do nothing (an Allow every request of which a Deny of the same policy refuses, a
/// NotAction or NotResource of "*" that matches nothing). Each finding points at its statement.
/// </summary>
public static partial class PolicyFindings
{
    public static IReadOnlyList<PolicyFinding> Of(string json, PolicyType type = PolicyType.ServiceControlPolicy)
    {
        var parsed = PolicyParser.Parse(json, "policy", strict: true, type);
        // The statements as written, even when some have errors: a lenient read, and their Sids straight from the JSON.
        var policy = parsed.Policy ?? PolicyParser.Parse(json, "policy", type: type).Policy;
        var labels = SidsOf(json);
        var findings = parsed.Errors.Select(e => new PolicyFinding(FindingSeverity.Error, e.Element, StatementOf(e.Element, labels), e.ToString())).ToList();
        if (policy is not null)
        {
            findings.AddRange(DuplicateSids(policy));
            findings.AddRange(MatchesNothing(policy));
            findings.AddRange(Shadowed(policy));
        }
        return findings;
    }

    private static IEnumerable<PolicyFinding> DuplicateSids(ServiceControlPolicy policy) =>
        policy.Statements.Where(s => s.Sid is not null).GroupBy(s => s.Sid, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new PolicyFinding(FindingSeverity.Error, $"Statement[{g.Last().Index}].Sid", g.Key,
                $"Sid '{g.Key}' is used by statements {string.Join(" and ", g.Select(s => s.Index + 1))}: a Sid is unique within a policy."));

    private static IEnumerable<PolicyFinding> MatchesNothing(ServiceControlPolicy policy)
    {
        foreach (var statement in policy.Statements)
        {
            if (statement.NotAction && statement.Actions.Contains("*"))
            {
                yield return new PolicyFinding(FindingSeverity.Warning, $"Statement[{statement.Index}].NotAction", statement.Label,
                    "NotAction \"*\" excludes every action: this statement matches no request.");
            }
            if (statement.NotResource && statement.Resources.Contains("*"))
            {
                yield return new PolicyFinding(FindingSeverity.Warning, $"Statement[{statement.Index}].NotResource", statement.Label,
                    "NotResource \"*\" excludes every resource: this statement matches no request.");
            }
        }
    }

    /// <summary>An Allow whose every action and resource an unconditional Deny of the same policy covers never allows anything.</summary>
    private static IEnumerable<PolicyFinding> Shadowed(ServiceControlPolicy policy)
    {
        var denies = policy.Statements.Where(s => s.Effect == Effect.Deny && s.Conditions.Count == 0 && !s.NotAction && !s.NotResource).ToList();
        foreach (var allow in policy.Statements.Where(s => s.Effect == Effect.Allow && !s.NotAction && !s.NotResource))
        {
            if (denies.FirstOrDefault(deny => allow.Actions.All(a => Covers(deny.Actions, a, ignoreCase: true))
                && allow.Resources.All(r => Covers(deny.Resources, r, ignoreCase: false))) is { } deny)
            {
                yield return new PolicyFinding(FindingSeverity.Warning, $"Statement[{allow.Index}]", allow.Label,
                    $"This Allow never applies: {deny.Label} denies every action and resource it allows, whatever the conditions.");
            }
        }
    }

    /// <summary>Whether some pattern admits everything <paramref name="pattern"/> admits: "*", the same text, or a prefix with a final *.</summary>
    private static bool Covers(IReadOnlyList<string> patterns, string pattern, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return patterns.Any(p => p == "*" || string.Equals(p, pattern, comparison)
            || (p.EndsWith('*') && p.AsSpan(0, p.Length - 1).IndexOfAny('*', '?') < 0 && pattern.StartsWith(p[..^1], comparison)));
    }

    private static string? StatementOf(string element, Dictionary<int, string> labels)
    {
        if (StatementIndex().Match(element) is not { Success: true } match)
        {
            return null;
        }
        var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return labels.GetValueOrDefault(index) ?? $"statement {index + 1}";
    }

    /// <summary>The Sid of each statement that has one, by position, read from the JSON whatever else is wrong.</summary>
    private static Dictionary<int, string> SidsOf(string json)
    {
        var sids = new Dictionary<int, string>();
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("Statement", out var statements))
            {
                var items = statements.ValueKind == System.Text.Json.JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].ValueKind == System.Text.Json.JsonValueKind.Object && items[i].TryGetProperty("Sid", out var sid)
                        && sid.ValueKind == System.Text.Json.JsonValueKind.String && sid.GetString() is { Length: > 0 } text)
                    {
                        sids[i] = text;
                    }
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // A syntax error is a finding of its own; no statement to name.
        }
        return sids;
    }

    [GeneratedRegex(@"^Statement\[(\d+)\]")]
    private static partial Regex StatementIndex();
}
