using MirrorTower.Portal.Features.Identity;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.AccessKeys;

public sealed record NewAccessKey(string? AccountId, string? Description);

/// <summary>The only time a secret is shown: the answer to its creation.</summary>
public sealed record CreatedAccessKey(string AccessKeyId, string SecretAccessKey, string AccountId, string Description);

public sealed record AccessKeyView(string AccessKeyId, string AccountId, string AccountName, string Description, DateTime CreatedUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc);

/// <summary>A key the SigV4 verifier found: its owner and the secret to recompute the signature with.</summary>
public sealed record ResolvedAccessKey(AccessKey Key, string Secret, ApplicationUser User);

/// <summary>
/// Access keys for the AWS-compatible API at /aws: created by their user (shown once), listed without secrets, revoked at
/// will. AWS allows two keys per IAM user; a portal user acts in several accounts, so MirrorTower allows five active keys.
/// </summary>
public sealed class AccessKeyService(IDbContextFactory<PortalDbContext> dbFactory, ChangePipeline changes, IDataProtectionProvider protection, TimeProvider time)
{
    public const int MaxActiveKeys = 5;
    private const string Action = "iam:CreateAccessKey";
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly IDataProtector _protector = protection.CreateProtector("MirrorTower.AccessKeys.v1");

    public Task<OperationResult<CreatedAccessKey>> CreateAsync(Actor actor, NewAccessKey request) =>
        changes.RunAsync(actor, new ChangeSpec(Action, request.AccountId?.Trim() ?? "", Clearance.AnyRole), async change =>
        {
            // Serialized: the count of active keys below is what every other creation sees until this one commits.
            var db = change.Db;
            var errors = change.Errors;
            var accountId = request.AccountId?.Trim() ?? "";
            var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId);
            if (account is null)
            {
                errors.Add("accountId", $"'{request.AccountId}' is not an account of the organization: a key acts in one account.");
            }
            else if (account.Kind == AccountKind.Management && ChangePipeline.RoleRefusal(actor, Clearance.Admin) is not null)
            {
                // A management key administers the whole organization through the AWS API, as in AWS.
                errors.Add("accountId", $"{account.Name} is the management account: its keys administer the whole organization, so only an Admin may create one.");
            }
            errors.CheckText("description", request.Description);
            if (request.Description?.Length > 128)
            {
                errors.Add("description", "The description is at most 128 characters.");
            }
            if (await db.AccessKeys.CountAsync(k => k.UserId == actor.UserId && k.RevokedUtc == null) >= MaxActiveKeys)
            {
                errors.Add("accessKeys", $"You already have {MaxActiveKeys} active access keys: revoke one first.");
            }
            if (actor.UserId is null && errors.IsEmpty)
            {
                errors.Add("user", "Only a signed-in user owns access keys.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<CreatedAccessKey>();
            }
            var id = "AKIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16);
            var secret = RandomNumberGenerator.GetString(SecretAlphabet, 40);
            db.AccessKeys.Add(new AccessKey
            {
                Id = id, UserId = actor.UserId!, AccountId = accountId, ProtectedSecret = _protector.Protect(secret),
                Description = request.Description?.Trim() ?? "", CreatedUtc = change.Now,
            });
            change.Target = id;
            change.Context = (accountId, null, null);
            change.Touches(ChangeArea.Identity, id);
            return change.Succeed(new CreatedAccessKey(id, secret, accountId, request.Description?.Trim() ?? ""), $"Access key {id} created to act in {accountId}.");
        });

    public async Task<IReadOnlyList<AccessKeyView>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Accounts.ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var keys = await db.AccessKeys.Where(k => k.UserId == userId).OrderByDescending(k => k.CreatedUtc).ToListAsync(cancellationToken);
        return keys.Select(k => new AccessKeyView(k.Id, k.AccountId, names.GetValueOrDefault(k.AccountId, k.AccountId), k.Description, k.CreatedUtc, k.LastUsedUtc, k.RevokedUtc)).ToList();
    }

    public Task<OperationResult<AccessKeyView>> RevokeAsync(Actor actor, string keyId) =>
        changes.RunAsync(actor, new ChangeSpec("iam:DeleteAccessKey", keyId, Clearance.AnyRole), async change =>
        {
            var key = await change.Db.AccessKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.UserId == actor.UserId);
            if (key is null)
            {
                return change.NotFound<AccessKeyView>($"You have no access key '{keyId}'.");
            }
            key.RevokedUtc ??= change.Now;
            change.Context = (key.AccountId, null, null);
            change.Touches(ChangeArea.Identity, key.Id);
            return change.Succeed(new AccessKeyView(key.Id, key.AccountId, key.AccountId, key.Description, key.CreatedUtc, key.LastUsedUtc, key.RevokedUtc), $"Access key {key.Id} revoked.");
        });

    /// <summary>An active key with its owner and secret, for signature verification; null for an unknown or revoked key.</summary>
    public async Task<ResolvedAccessKey?> ResolveAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.AccessKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedUtc == null, cancellationToken);
        if (key is null || await db.Users.FirstOrDefaultAsync(u => u.Id == key.UserId, cancellationToken) is not { } user)
        {
            return null;
        }
        return new ResolvedAccessKey(key, _protector.Unprotect(key.ProtectedSecret), user);
    }

    public async Task MarkUsedAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AccessKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedUtc, time.GetUtcNow().UtcDateTime), cancellationToken);
    }
}
