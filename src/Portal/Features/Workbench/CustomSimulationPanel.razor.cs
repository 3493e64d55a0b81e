using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.ServiceControlPolicies;

namespace MirrorTower.Portal.Features.Workbench;

/// <summary>A custom simulation: levels of SCPs (and, if asked, of RCPs) laid out on the page, a request, the decision and its trace; each pasted policy's findings.</summary>
public partial class CustomSimulationPanel
{
    [Inject] private PolicyService PolicyService { get; set; } = default!;

    protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Policies, ChangeArea.Organization, ChangeArea.Controls };

    private const string FullAccess = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\" }]\n}";
    private const string Blank = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{ \"Effect\": \"Deny\", \"Action\": \"s3:DeleteBucket\", \"Resource\": \"*\" }]\n}";

    private readonly List<Level> _levels =
    [
        new() { Name = "Root", Policies = [FullAccess] },
        new() { Name = "OU Workloads", Policies = [FullAccess] },
        new() { Name = "Account", Policies = [FullAccess] },
    ];
    private List<(string Name, string Document)> _library = [];
    private string _principal = "arn:aws:iam::111122223333:role/Developer", _action = "s3:DeleteBucket", _resource = "*", _region = "eu-west-1";
    private string? _context;
    private bool _management;
    private SimulationResult? _result;
    private FieldErrors? _errors;

    protected override async Task LoadAsync()
    {
        _library = [.. await PolicyService.StartingPointsAsync()];
    }

    private const string RcpFullAccess = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{ \"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\" }]\n}";
    private const string RcpBlank = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{ \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n    \"Condition\": { \"StringNotEqualsIfExists\": { \"aws:PrincipalOrgID\": \"o-exampleorgid\" } } }]\n}";

    // Null until the user asks for RCPs: then the resource's account has its own chain of RCP levels.
    private List<Level>? _rcpLevels;

    private void AddLevel(List<Level> levels) => levels.Insert(Math.Max(0, levels.Count - 1),
        new Level { Name = $"OU {levels.Count}", Policies = [levels == _rcpLevels ? RcpFullAccess : FullAccess] });

    private static string BlankFor(string label) => label == "RCP" ? RcpBlank : Blank;

    private void ToggleRcps(bool on) => _rcpLevels = on
        ? [new() { Name = "Root", Policies = [RcpFullAccess] }, new() { Name = "Account", Policies = [RcpFullAccess] }]
        : null;

    private static string Pretty(string document)
    {
        try
        {
            return JsonNode.Parse(document)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return document;
        }
    }

    private void Simulate()
    {
        JsonNode? context = null;
        try
        {
            context = string.IsNullOrWhiteSpace(_context) ? new JsonObject() : JsonNode.Parse(_context);
        }
        catch (JsonException e)
        {
            _errors = new FieldErrors().Add("request.context", $"Not JSON: {e.Message.Split(" Path:")[0]}");
            _result = null;
            return;
        }
        // Policies go as text, so that their own JSON syntax errors come back with line and column.
        var body = new JsonObject
        {
            ["levels"] = new JsonArray(_levels.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.Name,
                ["policies"] = new JsonArray(l.Policies.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            }).ToArray()),
            ["rcpLevels"] = _rcpLevels is null ? null : new JsonArray(_rcpLevels.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.Name,
                ["policies"] = new JsonArray(l.Policies.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            }).ToArray()),
            ["managementAccount"] = _management,
            ["request"] = new JsonObject
            {
                ["principalArn"] = _principal,
                ["action"] = _action,
                ["resource"] = _resource,
                ["region"] = _region,
                ["context"] = context,
            },
        };
        var result = CustomSimulation.Run(body.ToJsonString());
        _result = result.Value;
        _errors = result.Succeeded ? null : result.Errors;
    }

    private sealed class Level
    {
        public string Name { get; set; } = "";
        public List<string> Policies { get; set; } = [];
    }

    // Each pasted document's findings, computed once per text: the panel re-renders far more often than a text changes.
    private readonly Dictionary<(string, MirrorTower.Engine.Policies.PolicyType), IReadOnlyList<MirrorTower.Engine.Policies.PolicyFinding>> _findings = [];

    private IReadOnlyList<MirrorTower.Engine.Policies.PolicyFinding> FindingsOf(string? document, string label)
    {
        var type = label == "RCP" ? MirrorTower.Engine.Policies.PolicyType.ResourceControlPolicy : MirrorTower.Engine.Policies.PolicyType.ServiceControlPolicy;
        if (string.IsNullOrWhiteSpace(document))
        {
            return [];
        }
        if (_findings.Count > 64)
        {
            _findings.Clear();
        }
        // An RCP level holds RCPFullAWSAccess, whose Allow only AWS may write: its findings are not errors here.
        return _findings.TryGetValue((document, type), out var found) ? found
            : _findings[(document, type)] = document == RcpFullAccess ? [] : MirrorTower.Engine.Policies.PolicyFindings.Of(document, type);
    }
}
