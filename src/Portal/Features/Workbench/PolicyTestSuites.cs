using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.Workbench;

/// <summary>Policy test suites: saved, imported and exported as JSON, run on demand and before every change.</summary>
public sealed class PolicyTestSuites(IDbContextFactory<PortalDbContext> dbFactory, AuditTrail auditTrail, ChangePipeline changes)
{
    public async Task<IReadOnlyList<SuiteView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var suites = await db.PolicyTestSuites.AsNoTracking().Include(s => s.Cases).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return suites.Select(s => View(s, org)).ToList();
    }

    public async Task<SuiteDocument?> ExportAsync(string suiteId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suite = await db.PolicyTestSuites.AsNoTracking().Include(s => s.Cases).FirstOrDefaultAsync(s => s.Id == suiteId, cancellationToken);
        return suite is null ? null : new SuiteDocument
        {
            Name = suite.Name,
            Scope = suite.ScopeOuId,
            Enforcement = suite.Enforcement.ToString(),
            Cases = suite.Cases.OrderBy(c => c.Id).Select(c => new CaseDocument
            {
                Name = c.Name,
                AccountId = c.AccountId,
                Request = JsonDocument.Parse(c.RequestJson).RootElement.Clone(),
                Expected = c.Expected.ToString(),
            }).ToList(),
        };
    }

    /// <summary>Saves a suite from its JSON; a suite with the same name is replaced. All or nothing.</summary>
    public Task<OperationResult<SuiteView>> ImportAsync(Actor actor, SuiteDocument document) =>
        changes.RunAsync(actor, new ChangeSpec(ImportAction, document.Name ?? "(no name)", Clearance.Admin), change => ImportAsync(change, document));

    private static async Task<OperationResult<SuiteView>> ImportAsync(PendingChange change, SuiteDocument document)
    {
        var db = change.Db;
        var org = await OrganizationSnapshot.LoadAsync(db);
        var errors = change.Errors.CheckText("name", document.Name);
        if (string.IsNullOrWhiteSpace(document.Name) || document.Name.Trim().Length > 128)
        {
            errors.Add("name", "The suite name is required (at most 128 characters).");
        }
        var scope = document.Scope is null ? null : ResolveOu(org, document.Scope);
        if (document.Scope is not null && scope is null)
        {
            errors.Add("scope", $"'{document.Scope}' is not an OU of the organization, by id or by unique name (null: the whole organization).");
        }
        var enforcement = SuiteEnforcement.Confirm;
        if (document.Enforcement is not null && !Enum.TryParse(document.Enforcement, ignoreCase: true, out enforcement))
        {
            errors.Add("enforcement", $"'{document.Enforcement}' is not an enforcement: use Confirm or Refuse.");
        }
        var cases = new List<PolicyTestCase>();
        if (document.Cases is not { Count: > 0 })
        {
            errors.Add("cases", "A suite has at least one case.");
        }
        for (var i = 0; i < (document.Cases?.Count ?? 0); i++)
        {
            if (ReadCase(document.Cases![i], $"cases[{i}]", org, errors) is { } testCase)
            {
                cases.Add(testCase);
            }
        }
        if (!errors.IsEmpty)
        {
            return change.Invalid<SuiteView>();
        }
        var existing = await db.PolicyTestSuites.FirstOrDefaultAsync(s => s.Name == document.Name!.Trim());
        if (existing is not null)
        {
            db.PolicyTestSuites.Remove(existing);
            await db.SaveChangesAsync();
        }
        var suite = new PolicyTestSuite
        {
            Id = existing?.Id ?? "pts-" + Guid.NewGuid().ToString("N")[..12],
            Name = document.Name!.Trim(),
            ScopeOuId = scope,
            Enforcement = enforcement,
            CreatedUtc = change.Now,
            Cases = cases,
        };
        db.PolicyTestSuites.Add(suite);
        change.Target = suite.Id;
        change.Touches(ChangeArea.Policies, suite.Id);
        return change.Succeed(View(suite, org), $"Suite {suite.Name}: {cases.Count} case(s), scope {org.DescribeTarget(suite.ScopeOuId ?? org.Zone?.RootId ?? "organization")}, {enforcement}.");
    }

    public Task<OperationResult<string>> DeleteAsync(Actor actor, string suiteId) =>
        changes.RunAsync(actor, new ChangeSpec("mirrortower:DeletePolicyTestSuite", suiteId, Clearance.Admin), async change =>
        {
            var suite = await change.Db.PolicyTestSuites.FirstOrDefaultAsync(s => s.Id == suiteId);
            if (suite is null)
            {
                return change.NotFound<string>($"No policy test suite has the id '{suiteId}'.");
            }
            change.Db.PolicyTestSuites.Remove(suite);
            change.Touches(ChangeArea.Policies, suiteId);
            return change.Succeed(suiteId, $"Suite {suite.Name}.");
        });

    public async Task<OperationResult<SuiteRun>> RunAsync(Actor actor, string suiteId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var suite = await db.PolicyTestSuites.AsNoTracking().Include(s => s.Cases).FirstOrDefaultAsync(s => s.Id == suiteId);
        if (suite is null)
        {
            return OperationResult<SuiteRun>.NotFound($"No policy test suite has the id '{suiteId}'.");
        }
        var run = SuiteRunner.Run(suite, await OrganizationSnapshot.LoadAsync(db));
        await auditTrail.RecordAsync(actor.Record("mirrortower:RunPolicyTestSuite", suiteId,
            run.Failed == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed, $"Suite {suite.Name}: {run.Passed} passed, {run.Failed} failed."));
        return OperationResult<SuiteRun>.Success(run);
    }

    private const string ImportAction = "mirrortower:PutPolicyTestSuite";

    private static PolicyTestCase? ReadCase(CaseDocument document, string path, OrganizationSnapshot org, FieldErrors errors)
    {
        var before = errors.ToDictionary().Count;
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            errors.Add($"{path}.name", "Each case has a name.");
        }
        var accountId = document.AccountId is null ? null : ResolveAccount(org, document.AccountId);
        if (document.AccountId is not null && accountId is null)
        {
            errors.Add($"{path}.accountId", $"'{document.AccountId}' is not an account of the organization, by id or by unique name (absent: every account in the scope).");
        }
        if (!Enum.TryParse<ExpectedDecision>(document.Expected, ignoreCase: true, out var expected))
        {
            errors.Add($"{path}.expected", $"'{document.Expected}' is not an expectation: use Allowed, Denied, ExplicitDeny or ImplicitDeny.");
        }
        if (document.Request is not { } request)
        {
            errors.Add($"{path}.request", "Each case has a request: principalArn, action, resource, region, context.");
        }
        else
        {
            CustomSimulation.ReadRequest(JsonDocument.Parse(request.GetRawText().Replace("{account}", "111122223333", StringComparison.Ordinal)).RootElement,
                $"{path}.request", errors);
        }
        return errors.ToDictionary().Count != before ? null : new PolicyTestCase
        {
            Name = document.Name!.Trim(),
            AccountId = accountId,
            RequestJson = document.Request!.Value.GetRawText(),
            Expected = expected,
        };
    }

    /// <summary>People write names, programs write ids: both are accepted, a name only when it is unique.</summary>
    private static string? ResolveOu(OrganizationSnapshot org, string idOrName) =>
        org.Ou(idOrName)?.Id ?? (org.LiveOus.Where(o => o.Name == idOrName).ToList() is [var only] ? only.Id : null);

    private static string? ResolveAccount(OrganizationSnapshot org, string idOrName) =>
        org.Account(idOrName)?.Id ?? (org.Accounts.Where(a => a.Name == idOrName).ToList() is [var only] ? only.Id : null);

    private static SuiteView View(PolicyTestSuite suite, OrganizationSnapshot org) =>
        new(suite.Id, suite.Name, suite.ScopeOuId, suite.ScopeOuId is null ? "Whole organization" : org.Ou(suite.ScopeOuId)?.Name,
            suite.Enforcement, suite.Cases.Count);
}
