using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Audit;

/// <summary>Filters, sorting and paging of the audit trail; the page and the API share it.</summary>
public sealed record AuditFilter
{
    public const int MaxPageSize = 500;
    public static readonly IReadOnlyList<string> SortFields = ["time", "actor", "action", "outcome", "target"];

    /// <summary>Part of the actor's e-mail (case-insensitive).</summary>
    public string? User { get; init; }

    /// <summary>Part of the action, e.g. <c>iam:</c> or <c>CreateUser</c>.</summary>
    public string? Action { get; init; }

    public string? Outcome { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public string? Sort { get; init; } = "time";
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Outcome is not null && !Enum.TryParse<AuditOutcome>(Outcome, ignoreCase: true, out _))
        {
            errors.Add("outcome", $"'{Outcome}' is not an outcome: use Succeeded, Denied or Failed.");
        }
        if (From > To)
        {
            errors.Add("from", "'from' must not be later than 'to'.");
        }
        if (Sort is not null && !SortFields.Contains(Sort, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("sort", $"'{Sort}' is not sortable: use one of {string.Join(", ", SortFields)}.");
        }
        if (Page < 1)
        {
            errors.Add("page", "The page starts at 1.");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"The page size must be between 1 and {MaxPageSize}.");
        }
        return errors;
    }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize);

/// <summary>An audit event as the API and the pages show it (the stored <see cref="AuditEvent"/> is the database's).</summary>
public sealed record AuditEntry(long Id, DateTime TimeUtc, string Actor, string? ActorId, string Action, string Target, AuditOutcome Outcome,
    string? Reason, string Source, string? ClientIp, string? AccountId, string? PrincipalArn, string? Region, string? Seal)
{
    public static AuditEntry From(AuditEvent e) => new(e.Id, e.TimeUtc, e.Actor, e.ActorId, e.Action, e.Target, e.Outcome, e.Reason, e.Source,
        e.ClientIp, e.AccountId, e.PrincipalArn, e.Region, e.Seal);
}

public sealed class AuditQuery(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<OperationResult<AuditPage>> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        var errors = filter.Validate();
        if (!errors.IsEmpty)
        {
            return OperationResult<AuditPage>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.AuditEvents.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Sort(query, filter)
            .Skip((filter.Page - 1) * filter.PageSize)
            .Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return OperationResult<AuditPage>.Success(new AuditPage([.. items.Select(AuditEntry.From)], total, filter.Page, filter.PageSize));
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken)).Select(AuditEntry.From)];
    }

    private static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> query, AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim().ToLower();
            query = query.Where(e => e.Actor.ToLower().Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim().ToLower();
            query = query.Where(e => e.Action.ToLower().Contains(action));
        }
        if (Enum.TryParse<AuditOutcome>(filter.Outcome, ignoreCase: true, out var outcome))
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        if (filter.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            query = query.Where(e => e.TimeUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            query = query.Where(e => e.TimeUtc <= toUtc);
        }
        return query;
    }

    // Id breaks ties so that paging is stable when many events share a second.
    private static IQueryable<AuditEvent> Sort(IQueryable<AuditEvent> query, AuditFilter filter) =>
        (filter.Sort?.ToLowerInvariant(), filter.Descending) switch
        {
            ("actor", false) => query.OrderBy(e => e.Actor).ThenBy(e => e.Id),
            ("actor", true) => query.OrderByDescending(e => e.Actor).ThenByDescending(e => e.Id),
            ("action", false) => query.OrderBy(e => e.Action).ThenBy(e => e.Id),
            ("action", true) => query.OrderByDescending(e => e.Action).ThenByDescending(e => e.Id),
            ("outcome", false) => query.OrderBy(e => e.Outcome).ThenBy(e => e.Id),
            ("outcome", true) => query.OrderByDescending(e => e.Outcome).ThenByDescending(e => e.Id),
            ("target", false) => query.OrderBy(e => e.Target).ThenBy(e => e.Id),
            ("target", true) => query.OrderByDescending(e => e.Target).ThenByDescending(e => e.Id),
            (_, false) => query.OrderBy(e => e.TimeUtc).ThenBy(e => e.Id),
            _ => query.OrderByDescending(e => e.TimeUtc).ThenByDescending(e => e.Id),
        };
}
