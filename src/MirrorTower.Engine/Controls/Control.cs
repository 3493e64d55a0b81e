namespace MirrorTower.Engine.Controls;

public enum ControlBehavior
{
    Preventive,
    Detective,
    Proactive,
}

public enum ControlGuidance
{
    Mandatory,
    StronglyRecommended,
    Elective,
}

/// <summary>How the control is implemented, as the Control Catalog names it (<c>Implementation.Type</c>).</summary>
public enum ControlImplementation
{
    /// <summary><c>AWS::Organizations::Policy::SCP</c></summary>
    Scp,

    /// <summary><c>AWS::Organizations::Policy::RCP</c></summary>
    Rcp,

    /// <summary><c>AWS::Config::ConfigRule</c></summary>
    ConfigRule,

    /// <summary><c>AWS::CloudFormation::Type::HOOK</c></summary>
    Hook,
}

/// <summary>
/// A request an RCP control is written to refuse, for its preview: the action, whether the caller is outside the
/// organization, and the context keys that make the request one the control is about (for example aws:SecureTransport).
/// </summary>
public sealed record ControlProbe(string Action, bool FromOutside, IReadOnlyDictionary<string, string[]> Context, string Describes);

/// <summary>What a proactive control requires of one CloudFormation resource type.</summary>
public sealed record ProactiveCheck(string ResourceType, PropertyRequirement Requirement);

/// <summary>A parameter a control takes, such as the allowed Regions of the Region-deny control.</summary>
public sealed record ControlParameter(string Name, string Description, bool Required);

/// <summary>
/// A control of the catalog. A preventive one carries the SCP statements the portal enforces (a JSON array,
/// with <c>{{Parameter}}</c> placeholders filled from the control's parameters); a detective one, the
/// description of its rule.
/// </summary>
public sealed record Control(
    string Identifier,
    string Name,
    ControlBehavior Behavior,
    ControlGuidance Guidance,
    string Governs,
    string Service,
    string? StatementsTemplate,
    IReadOnlyList<ControlParameter> Parameters,
    ControlImplementation Implementation,
    ControlProbe? Probe = null)
{
    public bool IsMandatory => Guidance == ControlGuidance.Mandatory;

    /// <summary>LOW, MEDIUM, HIGH or CRITICAL, as the Control Catalog grades controls.</summary>
    public string Severity { get; init; } = "MEDIUM";

    /// <summary>For a proactive control: what it requires of each resource type it checks in a CloudFormation template.</summary>
    public IReadOnlyList<ProactiveCheck> Checks { get; init; } = [];

    /// <summary>
    /// The Control Catalog's RegionConfiguration scope: an organization policy governs every Region at once (GLOBAL); a
    /// Config rule or a hook is deployed in each governed Region (REGIONAL).
    /// </summary>
    public string Scope => Implementation is ControlImplementation.Scp or ControlImplementation.Rcp ? "GLOBAL" : "REGIONAL";

    /// <summary>The control objective, and the domain it belongs to, in the Control Catalog's terms.</summary>
    public (string Domain, string Objective) Classification => ControlClassification.Of(this);

    /// <summary>The ARN Control Tower's API names the control by in a Region.</summary>
    public string Arn(string region) => ArnOf(region, Identifier);

    public static string ArnOf(string region, string identifier) => $"arn:aws:controltower:{region}::control/{identifier}";

    public bool HasScp => Implementation == ControlImplementation.Scp && StatementsTemplate is not null;

    public bool HasRcp => Implementation == ControlImplementation.Rcp && StatementsTemplate is not null;

    /// <summary>Whether Control Tower writes an organization policy for it (an SCP or an RCP).</summary>
    public bool HasPolicy => StatementsTemplate is not null;

    /// <summary>The policy type its statements go into.</summary>
    public Policies.PolicyType PolicyType => Implementation == ControlImplementation.Rcp
        ? Policies.PolicyType.ResourceControlPolicy
        : Policies.PolicyType.ServiceControlPolicy;

    public string ImplementationType => Implementation switch
    {
        ControlImplementation.Scp => "AWS::Organizations::Policy::SCP",
        ControlImplementation.Rcp => "AWS::Organizations::Policy::RCP",
        ControlImplementation.ConfigRule => "AWS::Config::ConfigRule",
        _ => "AWS::CloudFormation::Type::HOOK",
    };
}
