using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>
/// Evaluates resources against the detective controls in effect on their accounts (the controls enabled on
/// the OUs of the account's path) and brings the stored results for that scope in line in one transaction, writing
/// only the results that changed.
/// </summary>
public sealed class ComplianceEvaluation(IDbContextFactory<PortalDbContext> dbFactory, WriteGate gate, Common.ChangeFeed feed, TimeProvider time)
{
    // One evaluation at a time: a full pass that read the inventory before a change must not overwrite, after it,
    // the fresh result that the change's own evaluation wrote. Serialized, the later evaluation always wins.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly VerdictMemo _memo = new();

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
        var resources = await ReadInventoryAsync(db, scope, cancellationToken);

        // The rules of the accounts in scope only: one changed resource must not cost every account's OU path.
        var rulesByAccount = new Dictionary<string, IReadOnlyList<DetectiveRule>>(StringComparer.Ordinal);
        IReadOnlyList<DetectiveRule> RulesOf(string accountId) => rulesByAccount.TryGetValue(accountId, out var rules) ? rules
            : rulesByAccount[accountId] = org.Account(accountId) is { } account ? RulesFor(org, account) : [];

        // Resources whose inputs did not change keep their verdicts; only the others are parsed and evaluated.
        var verdicts = new VerdictMemo.Verdict[resources.Count][];
        var scopes = resources.Select(r => ScopeOf(org.Account(r.AccountId))).ToArray();
        var stale = new List<int>();
        for (var i = 0; i < resources.Count; i++)
        {
            if (!_memo.TryGet(resources[i].Id, resources[i].Inputs, scopes[i], RulesOf(resources[i].AccountId), out verdicts[i]))
            {
                stale.Add(i);
            }
        }
        var items = stale.Select(i => new ConfigurationItem(resources[i].Type, resources[i].Arn, resources[i].Name, ParseSettings(resources[i].SettingsJson), scopes[i])).ToList();
        foreach (var group in ComplianceEvaluator.Evaluate(items, i => RulesOf(resources[stale[i]].AccountId)).GroupBy(e => e.Item))
        {
            verdicts[stale[group.Key]] = [.. group.Select(e => new VerdictMemo.Verdict(e.Rule.ControlIdentifier, e.Result))];
        }
        foreach (var i in stale)
        {
            verdicts[i] ??= [];
            _memo.Set(resources[i].Id, resources[i].Inputs, scopes[i], RulesOf(resources[i].AccountId), verdicts[i]);
        }
        if (scope.Everything)
        {
            _memo.KeepOnly(resources.Select(r => r.Id).ToHashSet());
        }

        // The results are derived (no role, no SCP, no audit event), but they are written through the write gate like
        // every change: a writer beside the gate would make the gate's writers wait on SQLite's busy handler.
        int changed;
        await using (var write = await gate.BeginAsync(cancellationToken))
        {
            var fresh = resources.SelectMany((r, i) => verdicts[i].Select(v => new ResultRow(r.Id, r.AccountId, v.ControlIdentifier,
                v.Result.Compliance, v.Result.Annotation)));
            changed = ComplianceResultWriter.Replace(write.Db, Scoped(write.Db.ComplianceResults, scope), fresh, time.GetUtcNow().UtcDateTime);
            await write.CommitAsync(cancellationToken);
        }
        if (changed > 0)
        {
            feed.Publish(Common.ChangeArea.Resources);
        }
        return verdicts.Sum(v => v.Length);
    }

    private static IQueryable<AccountResource> Scoped(IQueryable<AccountResource> query, ComplianceScope scope) => scope switch
    {
        { Everything: true } => query,
        { ResourceId: { } id } => query.Where(r => r.Id == id),
        _ => query.Where(r => scope.AccountIds.Contains(r.AccountId)),
    };

    private static IQueryable<ComplianceResult> Scoped(IQueryable<ComplianceResult> query, ComplianceScope scope) => scope switch
    {
        { Everything: true } => query,
        { ResourceId: { } id } => query.Where(r => r.ResourceId == id),
        _ => query.Where(r => scope.AccountIds.Contains(r.AccountId)),
    };

    private sealed record InventoryRow(long Id, string AccountId, string Type, string Arn, string Name, string SettingsJson, UInt128 Inputs);

    /// <summary>
    /// The inventory in scope as plain rows, read with the query's own SQL through a data reader, each with the digest of
    /// its inputs: no entities, no tracking, and the settings parsed only for resources the memo has no verdicts for.
    /// </summary>
    private static async Task<List<InventoryRow>> ReadInventoryAsync(PortalDbContext db, ComplianceScope scope, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = Scoped(db.AccountResources, scope).Select(r => new { r.Id, r.AccountId, r.Type, r.Arn, r.Name, r.Properties }).CreateDbCommand();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<InventoryRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (type, arn, name, settings) = (reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
            rows.Add(new InventoryRow(reader.GetInt64(0), reader.GetString(1), type, arn, name, settings, VerdictMemo.Digest(type, arn, name, settings)));
        }
        return rows;
    }

    private static Dictionary<string, string> ParseSettings(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, ComplianceJson.Default.DictionaryStringString) ?? [];

    /// <summary>The detective rules in effect on an account: those of the controls enabled on its OU path.</summary>
    public static List<DetectiveRule> RulesFor(OrganizationSnapshot org, Account account) => account.Enrolled
        ? org.ControlsInEffect(account).Select(c => DetectiveRules.Find(c.Control.ControlIdentifier)).OfType<DetectiveRule>().Distinct().ToList()
        : [];

    public static ConfigurationItem ToItem(AccountResource resource, Account? account) =>
        new(resource.Type, resource.Arn, resource.Name, resource.Properties, ScopeOf(account));

    private static AccountScope ScopeOf(Account? account) => account?.Kind switch
    {
        AccountKind.LogArchive or AccountKind.Audit => AccountScope.Shared,
        AccountKind.Management => AccountScope.Management,
        _ => AccountScope.Member,
    };
}

/// <summary>The resources' settings column, parsed without reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ComplianceJson : System.Text.Json.Serialization.JsonSerializerContext;
