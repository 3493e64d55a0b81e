using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Engine.Policies;

namespace MirrorTower.Engine.Controls;

/// <summary>Renders a preventive control's statements with its parameters, and packs statements into SCPs.</summary>
public static class ControlStatements
{
    public const string ExecutionRole = "arn:aws:iam::*:role/AWSControlTowerExecution";

    /// <summary>
    /// The statements of a control as a JSON array. Parameters are string arrays by name; the Region-deny
    /// control's allowed Regions default to the governed Regions, and AWSControlTowerExecution is always exempt.
    /// </summary>
    /// <param name="organizationId">The organization an RCP control keeps its resources to (<c>{{OrganizationId}}</c>).</param>
    public static IReadOnlyList<JsonNode> Render(Control control, IReadOnlyDictionary<string, string[]> parameters, IReadOnlyList<string> governedRegions,
        string organizationId = "o-exampleorgid")
    {
        var template = control.StatementsTemplate ?? throw new InvalidOperationException($"{control.Identifier} has no policy.");
        var regions = parameters.TryGetValue("AllowedRegions", out var allowed) && allowed.Length > 0 ? allowed : governedRegions.ToArray();
        var exempt = new[] { ExecutionRole }
            .Concat(parameters.TryGetValue("ExemptedPrincipalArns", out var extra) ? extra : [])
            .Distinct(StringComparer.Ordinal).ToArray();
        var json = template
            .Replace("{{AllowedRegions}}", JsonSerializer.Serialize(regions), StringComparison.Ordinal)
            .Replace("{{ExemptedPrincipalArns}}", JsonSerializer.Serialize(exempt), StringComparison.Ordinal)
            .Replace("{{OrganizationId}}", organizationId, StringComparison.Ordinal);
        return JsonNode.Parse(json)!.AsArray().Select(node => node!).ToList();
    }

    /// <summary>A policy document holding the given statements, in the compact form Control Tower writes.</summary>
    public static string Document(IEnumerable<JsonNode> statements) =>
        new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(statements.Select(s => s.DeepClone()).ToArray()),
        }.ToJsonString();

    /// <summary>
    /// Packs statements, in order, into as few documents as fit the 5,120-character SCP limit, as Control
    /// Tower packs its controls into shared <c>aws-guardrails-*</c> SCPs.
    /// </summary>
    public static IReadOnlyList<string> Pack(IEnumerable<JsonNode> statements)
    {
        var documents = new List<string>();
        var current = new List<JsonNode>();
        foreach (var statement in statements)
        {
            if (current.Count > 0 && Document(current.Append(statement)).Length > ServiceControlPolicy.MaxCharacters)
            {
                documents.Add(Document(current));
                current.Clear();
            }
            current.Add(statement);
        }
        if (current.Count > 0)
        {
            documents.Add(Document(current));
        }
        return documents;
    }
}
