using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Compliance;
using MirrorTower.Engine.Controls;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>The dashboard, the violations list and account compliance, with set-based queries over the results.</summary>
public sealed class ComplianceQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<DashboardView> DashboardAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var byAccount = await db.ComplianceResults.AsNoTracking()
            .GroupBy(r => r.AccountId)
            .Select(g => new { AccountId = g.Key, Noncompliant = g.Count(r => r.Compliance == ComplianceType.NON_COMPLIANT) })
            .ToDictionaryAsync(g => g.AccountId, g => g.Noncompliant, cancellationToken);
        var noncompliantResources = await db.ComplianceResults.AsNoTracking()
            .Where(r => r.Compliance == ComplianceType.NON_COMPLIANT).Select(r => r.ResourceId).Distinct().CountAsync(cancellationToken);
        var mostViolated = await db.ComplianceResults.AsNoTracking()
            .Where(r => r.Compliance == ComplianceType.NON_COMPLIANT)
            .GroupBy(r => r.ControlIdentifier)
            .Select(g => new { Control = g.Key, Resources = g.Count() })
            .OrderByDescending(g => g.Resources).Take(5).ToListAsync(cancellationToken);
        var operations = await db.ControlOperations.AsNoTracking().OrderByDescending(o => o.StartUtc).Take(5).ToListAsync(cancellationToken);

        // Distinct controls enabled somewhere, not enablements: the mandatory ones are on every OU.
        var behaviors = org.Controls.Select(c => c.ControlIdentifier).Distinct().Select(id => ControlCatalog.Default.Find(id)?.Behavior).ToList();
        var drift = DriftDetector.Detect(org);
        return new DashboardView(
            org.Zone is not null,
            org.Zone is null ? "NOT_SET_UP" : drift.Count == 0 ? "IN_SYNC" : "DRIFTED",
            drift.Count,
            org.Accounts.Count(a => a.Enrolled),
            org.Accounts.Count,
            org.LiveOus.Count(o => o.Registered),
            org.LiveOus.Count(),
            behaviors.Count(b => b == ControlBehavior.Preventive),
            behaviors.Count(b => b == ControlBehavior.Detective),
            noncompliantResources,
            org.LiveOus.OrderBy(o => o.Name).Select(ou =>
            {
                var accounts = org.AccountsUnder(ou.Id).Where(a => a.Enrolled).ToList();
                return new OuCompliance(ou.Id, ou.Name,
                    accounts.Count(a => byAccount.TryGetValue(a.Id, out var n) && n == 0),
                    accounts.Count(a => byAccount.TryGetValue(a.Id, out var n) && n > 0),
                    accounts.Count(a => !byAccount.ContainsKey(a.Id)));
            }).ToList(),
            mostViolated.Select(m => new ViolatedControl(m.Control, ControlCatalog.Default.Find(m.Control)?.Name ?? m.Control, m.Resources)).ToList(),
            operations.Select(o => new RecentOperation(o.StartUtc, $"{MirrorTower.Portal.Components.Shared.Words.Of(o.OperationType)} {o.ControlIdentifier} on {org.Ou(o.TargetId)?.Name ?? o.TargetId}", o.Status.ToString())).ToList());
    }

    public async Task<OperationResult<ViolationPage>> ViolationsAsync(ViolationFilter filter, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (filter.Page < 1)
        {
            errors.Add("page", "The page starts at 1.");
        }
        if (filter.PageSize is < 1 or > 10_000)
        {
            errors.Add("pageSize", "The page size must be between 1 and 10000.");
        }
        if (filter.Sort is { } sort && !ViolationFilter.SortKeys.Contains(sort))
        {
            errors.Add("sort", $"'{sort}' is not a column to sort by: use {string.Join(", ", ViolationFilter.SortKeys)}.");
        }
        if (filter.Order is { } order && order is not ("asc" or "desc"))
        {
            errors.Add("order", $"'{order}' is not an order: use asc or desc.");
        }
        if (!errors.IsEmpty)
        {
            return OperationResult<ViolationPage>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var query =
            from result in db.ComplianceResults.AsNoTracking()
            join resource in db.AccountResources.AsNoTracking() on result.ResourceId equals resource.Id
            where result.Compliance == ComplianceType.NON_COMPLIANT
            select new { result, resource };
        if (filter.OuId is not null)
        {
            var accounts = org.AccountsUnder(filter.OuId).Select(a => a.Id).ToList();
            query = query.Where(r => accounts.Contains(r.result.AccountId));
        }
        if (!string.IsNullOrWhiteSpace(filter.AccountId))
        {
            query = query.Where(r => r.result.AccountId == filter.AccountId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Control))
        {
            query = query.Where(r => r.result.ControlIdentifier == filter.Control);
        }
        if (!string.IsNullOrWhiteSpace(filter.ResourceType))
        {
            query = query.Where(r => r.resource.Type == filter.ResourceType);
        }
        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            var controls = ControlCatalog.Default.Controls
                .Where(c => string.Equals(c.Service, filter.Service.Trim(), StringComparison.OrdinalIgnoreCase)).Select(c => c.Identifier).ToList();
            query = query.Where(r => controls.Contains(r.result.ControlIdentifier));
        }
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            query = query.Where(r => r.resource.Region == filter.Region);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim().ToLower();
            query = query.Where(r => r.resource.Name.ToLower().Contains(search) || r.result.Annotation.ToLower().Contains(search));
        }
        var total = await query.CountAsync(cancellationToken);
        var descending = filter.Order == "desc";
        var sorted = filter.Sort switch
        {
            "control" => descending ? query.OrderByDescending(r => r.result.ControlIdentifier) : query.OrderBy(r => r.result.ControlIdentifier),
            "region" => descending ? query.OrderByDescending(r => r.resource.Region) : query.OrderBy(r => r.resource.Region),
            "resource" => descending ? query.OrderByDescending(r => r.resource.Name) : query.OrderBy(r => r.resource.Name),
            "type" => descending ? query.OrderByDescending(r => r.resource.Type) : query.OrderBy(r => r.resource.Type),
            "evaluated" => descending ? query.OrderByDescending(r => r.result.EvaluatedUtc) : query.OrderBy(r => r.result.EvaluatedUtc),
            _ => descending ? query.OrderByDescending(r => r.result.AccountId) : query.OrderBy(r => r.result.AccountId),
        };
        // Ties keep one order, so that a page never repeats or skips a row.
        var rows = await sorted.ThenBy(r => r.result.AccountId).ThenBy(r => r.result.ControlIdentifier).ThenBy(r => r.resource.Name).ThenBy(r => r.result.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        var items = rows.Select(r =>
        {
            var account = org.Account(r.result.AccountId);
            var control = ControlCatalog.Default.Find(r.result.ControlIdentifier);
            return new Violation(r.result.Id, r.resource.Id, r.result.AccountId, account?.Name ?? r.result.AccountId, org.Ou(account?.OuId)?.Name,
                r.result.ControlIdentifier, control?.Name ?? r.result.ControlIdentifier, r.resource.Region, r.resource.Name, r.resource.Type,
                control?.Service ?? "", r.result.Annotation, r.result.EvaluatedUtc, Remediations.For(r.result.ControlIdentifier)?.Description);
        }).ToList();
        return OperationResult<ViolationPage>.Success(new ViolationPage(items, total, filter.Page, filter.PageSize));
    }

    public async Task<AccountCompliance?> AccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        if (org.Account(accountId) is not { } account)
        {
            return null;
        }
        var results = await db.ComplianceResults.AsNoTracking().Where(r => r.AccountId == accountId)
            .GroupBy(r => r.ControlIdentifier)
            .Select(g => new { Control = g.Key, Evaluated = g.Count(), Noncompliant = g.Count(r => r.Compliance == ComplianceType.NON_COMPLIANT) })
            .ToDictionaryAsync(g => g.Control, cancellationToken);
        var controls = ComplianceEvaluation.RulesFor(org, account).Select(rule =>
        {
            var found = results.GetValueOrDefault(rule.ControlIdentifier);
            var status = found is null ? "INSUFFICIENT_DATA" : found.Noncompliant > 0 ? "In violation" : "Clear";
            return new ControlCompliance(rule.ControlIdentifier, ControlCatalog.Default.Find(rule.ControlIdentifier)?.Name ?? rule.ControlIdentifier,
                status, found?.Noncompliant ?? 0, found?.Evaluated ?? 0);
        }).ToList();
        var accountStatus = results.Count == 0 ? "Unknown" : results.Values.Any(r => r.Noncompliant > 0) ? "Noncompliant" : "Compliant";
        return new AccountCompliance(accountId, accountStatus, results.Count == 0 ? "INSUFFICIENT_DATA: no resource has been evaluated." : null, controls);
    }
}
