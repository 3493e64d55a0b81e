namespace MirrorTower.Engine.Mirroring;

/// <summary>
/// The reference's estimate: about 0.015 USD per hour for each ENI with an active session, whatever the number of
/// sessions on it; data charges on the NLB, GWLB or transit path are not estimated.
/// </summary>
public static class MirroringCost
{
    public const decimal UsdPerEniHour = 0.015m;

    /// <summary>Hours in an average month (8,760 / 12), as AWS's pricing examples use.</summary>
    public const decimal HoursPerMonth = 730m;

    public static decimal MonthlyUsd(int enisWithActiveSessions) => enisWithActiveSessions * UsdPerEniHour * HoursPerMonth;
}
