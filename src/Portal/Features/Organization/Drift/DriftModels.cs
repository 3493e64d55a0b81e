namespace MirrorTower.Portal.Features.Organization.Drift;

/// <summary>What the out-of-band panel does, as someone bypassing the portal would.</summary>
public sealed class OutOfBandChange
{
    /// <summary>MoveAccount, EditControlScp, DetachControlScp or DeleteFoundationalOu.</summary>
    public string? Kind { get; set; }
    public string? AccountId { get; set; }
    public string? OuId { get; set; }
    public string? PolicyId { get; set; }
    public string? Document { get; set; }

    /// <summary>Make the change even though it makes policy test cases fail (suites that refuse still refuse).</summary>
    public bool ConfirmFailingTests { get; set; }
}

public static class OutOfBandKinds
{
    public const string MoveAccount = nameof(MoveAccount);
    public const string EditControlScp = nameof(EditControlScp);
    public const string DetachControlScp = nameof(DetachControlScp);
    public const string DeleteFoundationalOu = nameof(DeleteFoundationalOu);

    public static readonly IReadOnlyList<string> All = [MoveAccount, EditControlScp, DetachControlScp, DeleteFoundationalOu];
}

/// <summary>The body of <c>POST /api/v1/drift/repairs</c>.</summary>
public sealed record RepairRequest(DriftRepair? Repair, string? TargetId);
