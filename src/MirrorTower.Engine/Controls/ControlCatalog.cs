using System.Reflection;

namespace MirrorTower.Engine.Controls;

/// <summary>
/// The controls of <c>controls-catalog.tsv</c> (the shared reference's, grown with today's Control Tower controls), with
/// their SCP or RCP statements and, for proactive ones, the checks of <c>proactive-rules.tsv</c>.
/// </summary>
public sealed class ControlCatalog
{
    public const string RegionDeny = "AWS-GR_REGION_DENY";

    private readonly Dictionary<string, Control> _byIdentifier;

    private ControlCatalog(IReadOnlyList<Control> controls)
    {
        Controls = controls;
        _byIdentifier = controls.ToDictionary(c => c.Identifier, StringComparer.OrdinalIgnoreCase);
    }

    public static ControlCatalog Default { get; } = Load();

    public IReadOnlyList<Control> Controls { get; }

    public Control? Find(string? identifier) =>
        identifier is not null && _byIdentifier.TryGetValue(identifier.Trim(), out var control) ? control : null;

    private static ControlCatalog Load()
    {
        var checks = Rows("proactive-rules.tsv")
            .GroupBy(fields => fields[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ProactiveCheck>)g.Select(f => new ProactiveCheck(f[1], PropertyRequirement.Parse(f[2]))).ToList(),
                StringComparer.Ordinal);
        return new ControlCatalog(Rows("controls-catalog.tsv").Select(fields => Parse(fields) with
        {
            Checks = checks.GetValueOrDefault(fields[0]) ?? [],
        }).ToList());
    }

    /// <summary>The rows of an embedded TSV file, its heading left out.</summary>
    private static IEnumerable<string[]> Rows(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in the engine.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1).Select(line => line.Split('\t')).ToList();
    }

    private static Control Parse(string[] fields)
    {
        var identifier = fields[0];
        var behavior = Enum.Parse<ControlBehavior>(fields[2], ignoreCase: true);
        var guidance = fields[3].Replace(" ", "", StringComparison.Ordinal) switch
        {
            "mandatory" => ControlGuidance.Mandatory,
            "stronglyrecommended" => ControlGuidance.StronglyRecommended,
            _ => ControlGuidance.Elective,
        };
        var rcp = ControlRcps.ByControl.TryGetValue(identifier, out var foundRcp);
        var scp = rcp ? (foundRcp.Service, foundRcp.Statements) : ControlScps.ByControl.TryGetValue(identifier, out var found) ? found : default;
        var exempted = new ControlParameter("ExemptedPrincipalArns", "Principal ARN patterns exempt from the deny, besides AWSControlTowerExecution.", false);
        // A control takes the parameters its statements leave open.
        IReadOnlyList<ControlParameter> parameters = identifier == RegionDeny
            ? [new ControlParameter("AllowedRegions", "Regions where requests are allowed (default: the governed Regions).", false), exempted]
            : scp.Statements?.Contains("{{ExemptedPrincipalArns}}", StringComparison.Ordinal) == true ? [exempted] : [];
        var implementation = behavior switch
        {
            _ when rcp => ControlImplementation.Rcp,
            ControlBehavior.Preventive => ControlImplementation.Scp,
            ControlBehavior.Detective => ControlImplementation.ConfigRule,
            _ => ControlImplementation.Hook,
        };
        return new Control(identifier, fields[1], behavior, guidance, fields[4],
            scp.Service ?? ControlScps.ServiceOf(identifier), scp.Statements, parameters, implementation, rcp ? foundRcp.Probe : null)
        {
            Severity = fields.Length > 5 ? fields[5] : "MEDIUM",
        };
    }
}
