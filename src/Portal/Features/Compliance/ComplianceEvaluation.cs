using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>
/// Evaluates resources against the detective controls in effect on their accounts (the controls enabled on
/// the OUs of the account's path) and replaces the stored results for that scope in one transaction.
/// </summary>
public sealed class ComplianceEvaluation(IDbContextFactory<PortalDbContext> dbFactory, WriteGate gate, Common.ChangeFeed feed, TimeProvider time)
{
    // One evaluation at a time: a full pass that read the inventory before a change must not overwrite, after it,
    // the fresh result that the change's own evaluation wrote. Serialized, the later evaluation always wins.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<int> EvaluateAsync(ComplianceScope scope, CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await EvaluateOnceAsync(scope, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<int> EvaluateOnceAsync(ComplianceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var query = db.AccountResources.AsNoTracking();
        if (scope.ResourceId is { } resourceId)
        {
            query = query.Where(r => r.Id == resourceId);
        }
        else if (!scope.Everything)
        {
            query = query.Where(r => scope.AccountIds.Contains(r.AccountId));
        }
        var resources = await query.ToListAsync(cancellationToken);

        var rulesByAccount = org.Accounts.ToDictionary(a => a.Id, a => (IReadOnlyList<DetectiveRule>)RulesFor(org, a));
        var items = resources.Select(r => ToItem(r, org.Account(r.AccountId))).ToList();
        var evaluations = ComplianceEvaluator.Evaluate(items, i => rulesByAccount.GetValueOrDefault(resources[i].AccountId) ?? []);

        // The results are derived (no role, no SCP, no audit event), but they are written through the write gate like
        // every change: a writer beside the gate would make the gate's writers wait on SQLite's busy handler.
        await using (var write = await gate.BeginAsync(cancellationToken))
        {
            var stored = write.Db.ComplianceResults;
            if (scope.Everything)
            {
                await stored.ExecuteDeleteAsync(cancellationToken);
            }
            else if (scope.ResourceId is { } id)
            {
                await stored.Where(r => r.ResourceId == id).ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                await stored.Where(r => scope.AccountIds.Contains(r.AccountId)).ExecuteDeleteAsync(cancellationToken);
            }
            await InsertAsync(write.Db, evaluations.Select(e => (resources[e.Item], e)), cancellationToken);
            await write.CommitAsync(cancellationToken);
        }
        feed.Publish(Common.ChangeArea.Resources);
        return evaluations.Count;
    }

    /// <summary>The detective rules in effect on an account: those of the controls enabled on its OU path.</summary>
    public static List<DetectiveRule> RulesFor(OrganizationSnapshot org, Account account) => account.Enrolled
        ? org.ControlsInEffect(account).Select(c => DetectiveRules.Find(c.Control.ControlIdentifier)).OfType<DetectiveRule>().Distinct().ToList()
        : [];

    public static ConfigurationItem ToItem(AccountResource resource, Account? account) =>
        new(resource.Type, resource.Arn, resource.Name, resource.Properties, account?.Kind switch
        {
            AccountKind.LogArchive or AccountKind.Audit => AccountScope.Shared,
            AccountKind.Management => AccountScope.Management,
            _ => AccountScope.Member,
        });

    // Set-based insert through one prepared command: a full pass writes hundreds of thousands of rows.
    private async Task InsertAsync(PortalDbContext db, IEnumerable<(AccountResource Resource, Evaluation Evaluation)> rows, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO ComplianceResults (ResourceId, AccountId, ControlIdentifier, Compliance, Annotation, EvaluatedUtc)
            VALUES ($resource, $account, $control, $compliance, $annotation, $time)
            """;
        var parameters = new[] { "$resource", "$account", "$control", "$compliance", "$annotation", "$time" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (resource, evaluation) in rows)
        {
            Set(parameters, resource.Id, resource.AccountId, evaluation.Rule.ControlIdentifier,
                evaluation.Result.Compliance.ToString(), evaluation.Result.Annotation, now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Set(DbParameter[] parameters, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i];
        }
    }
}
