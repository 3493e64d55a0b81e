using System.Reflection;

namespace MirrorTower.Engine.Controls;

/// <summary>The controls of <c>controls-catalog.tsv</c> (shared reference), with their SCP statements.</summary>
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
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("controls-catalog.tsv")
            ?? throw new InvalidOperationException("The controls catalog is not embedded in the engine.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ControlCatalog(lines.Skip(1).Select(Parse).ToList());
    }

    private static Control Parse(string line)
    {
        var fields = line.Split('\t');
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
        IReadOnlyList<ControlParameter> parameters = identifier == RegionDeny
            ? [new ControlParameter("AllowedRegions", "Regions where requests are allowed (default: the governed Regions).", false), exempted]
            : rcp ? [exempted] : [];
        var implementation = behavior switch
        {
            _ when rcp => ControlImplementation.Rcp,
            ControlBehavior.Preventive => ControlImplementation.Scp,
            ControlBehavior.Detective => ControlImplementation.ConfigRule,
            _ => ControlImplementation.Hook,
        };
        return new Control(identifier, fields[1], behavior, guidance, fields[4],
            scp.Service ?? ControlScps.ServiceOf(identifier), scp.Statements, parameters, implementation, rcp ? foundRcp.Probe : null);
    }
}
