using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

public sealed record OuView(
    string Id,
    string Name,
    string? ParentId,
    bool Registered,
    bool Foundational,
    int Accounts,
    int AttachedScps,
    int ScpCharacters,
    IReadOnlyList<string> EnabledControls)
{
    /// <summary>RCPs attached to the OU, RCPFullAWSAccess included (5 at most, as for SCPs).</summary>
    public int AttachedRcps { get; init; }
}

public sealed record AccountView(
    string Id,
    string Name,
    string Email,
    string? OuId,
    string? OuName,
    bool Enrolled,
    AccountKind Kind,
    DateTime CreatedUtc);

public sealed record PolicyAtLevel(string PolicyId, string Name, PolicyKind Kind, int Characters);

/// <summary>One level of an account's chain: its SCPs and, beside them, its RCPs.</summary>
public sealed record ScpLevelView(string TargetId, string Level, IReadOnlyList<PolicyAtLevel> Policies)
{
    public IReadOnlyList<PolicyAtLevel> Rcps { get; init; } = [];
}

public sealed record ControlInEffect(string ControlIdentifier, string Name, string Behavior, string Guidance, string FromOuId, string FromOuName);

public sealed record AccountDetail(
    AccountView Account,
    IReadOnlyList<OuView> Path,
    IReadOnlyList<ScpLevelView> Scps,
    IReadOnlyList<ControlInEffect> Controls,
    IReadOnlyList<AccountResource> Resources,
    IReadOnlyList<DriftItem> Drift);

public sealed record OrganizationTree(string? RootId, IReadOnlyList<OuView> Ous, IReadOnlyList<AccountView> Accounts, IReadOnlyList<PolicyAtLevel> RootScps);

/// <summary>A new OU; <c>Register</c> false leaves it outside Control Tower, as Organizations' CreateOrganizationalUnit does.</summary>
/// <summary>The body of <c>POST /api/v1/ous</c>; <c>tags</c> are written with the OU, or nothing is.</summary>
public sealed record NewOu(string? Name, string? ParentId, bool Register = true, IReadOnlyList<TagView>? Tags = null);

public sealed record OuRename(string? Name);
