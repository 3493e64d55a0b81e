using MirrorTower.Portal.Common;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.Workbench;

/// <summary>
/// Runs every suite against the organization as it is and as a change would leave it; a change that makes a
/// passing case fail is blocked until confirmed, or refused when a suite says so.
/// </summary>
public sealed class ChangeGate(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<GateReport> CheckAsync(OrganizationSnapshot current, OrganizationSnapshot proposed)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var suites = await db.PolicyTestSuites.AsNoTracking().Include(s => s.Cases).ToListAsync();
        var flipped = new List<CaseResult>();
        var refusing = new List<string>();
        var cases = 0;
        foreach (var suite in suites)
        {
            var before = SuiteRunner.Run(suite, current).Results;
            var after = SuiteRunner.Run(suite, proposed).Results;
            cases += after.Count;
            var newlyFailing = after.Where(a => !a.Passed && before.Any(b => b.Case == a.Case && b.AccountId == a.AccountId && b.Passed)).ToList();
            flipped.AddRange(newlyFailing);
            if (newlyFailing.Count > 0 && suite.Enforcement == SuiteEnforcement.Refuse)
            {
                refusing.Add(suite.Name);
            }
        }
        return new GateReport(suites.Count, cases, flipped, refusing);
    }
}
