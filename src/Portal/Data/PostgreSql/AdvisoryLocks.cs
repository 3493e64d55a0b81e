namespace MirrorTower.Portal.Data.PostgreSql;

/// <summary>
/// The keys of the PostgreSQL advisory locks the portal takes, in one place so that no two uses share a key.
/// Transaction-scoped locks (<c>pg_advisory_xact_lock</c>) end with their transaction, so a dead instance holds none.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>The write gate: one change at a time across every instance (the cluster's <c>BEGIN IMMEDIATE</c>).</summary>
    public const long WriteGate = 0x4D54_0001;

    /// <summary>Audit event ids: taken by the insert trigger so that ids stay consecutive across instances.</summary>
    public const long AuditIds = 0x4D54_0002;
}
