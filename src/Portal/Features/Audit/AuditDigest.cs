namespace MirrorTower.Portal.Features.Audit;

/// <summary>
/// Like CloudTrail's digest files: the last event at a moment and the hash over every seal up to it, signed with the
/// audit key. Kept in a file beside the database, one JSON line each, so deleting rows and digests from the database
/// alone cannot hide the deletion.
/// </summary>
public sealed record AuditDigest(DateTime CreatedUtc, long LastEventId, string Chain, string Signature);
