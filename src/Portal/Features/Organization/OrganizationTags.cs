using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

public sealed record TagView(string Key, string Value);

/// <summary>
/// Tags on the organization's resources (root, OUs, accounts, policies) with Organizations' rules: at most 50 per
/// resource, keys of 1 to 128 characters that do not start with <c>aws:</c> (AWS's own), values of at most 256.
/// </summary>
public sealed class OrganizationTags(IDbContextFactory<PortalDbContext> dbFactory, ChangePipeline changes)
{
    public const int MaxPerResource = 50;

    public async Task<IReadOnlyList<TagView>?> ListAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!Exists(await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken), resourceId))
        {
            return null;
        }
        return await db.OrganizationTags.AsNoTracking().Where(t => t.ResourceId == resourceId).OrderBy(t => t.Key).Select(t => new TagView(t.Key, t.Value)).ToListAsync(cancellationToken);
    }

    /// <summary>Adds the tags, or replaces the value of a key already there; all or nothing.</summary>
    public Task<OperationResult<string>> TagAsync(Actor actor, string resourceId, IReadOnlyList<TagView> tags) =>
        changes.RunAsync(actor, new ChangeSpec("organizations:TagResource", resourceId, Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db);
            if (!Exists(org, resourceId))
            {
                return change.NotFound<string>($"No root, OU, account or policy has the id '{resourceId}'.");
            }
            if (!await ApplyAsync(change, resourceId, tags))
            {
                return change.Invalid<string>();
            }
            change.Touches(ChangeArea.Organization, resourceId);
            return change.Succeed(resourceId, $"Tagged with {string.Join(", ", tags.Select(t => t.Key))}.");
        });

    /// <summary>
    /// Checks the tags against Organizations' rules and writes them inside the caller's change (TagResource's, or the
    /// create that names tags, so that a refused tag leaves no resource behind); false with the change's errors filled.
    /// </summary>
    internal static async Task<bool> ApplyAsync(PendingChange change, string resourceId, IReadOnlyList<TagView> tags)
    {
        var errors = change.Errors;
        foreach (var (tag, i) in tags.Select((t, i) => (t, i)))
        {
            errors.CheckText($"tags[{i}].key", tag.Key).CheckText($"tags[{i}].value", tag.Value);
            if (string.IsNullOrEmpty(tag.Key) || tag.Key.Length > 128)
            {
                errors.Add($"tags[{i}].key", "A tag key has 1 to 128 characters.");
            }
            else if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"tags[{i}].key", "Keys starting with aws: are reserved for AWS.");
            }
            if (tag.Value is null || tag.Value.Length > 256)
            {
                errors.Add($"tags[{i}].value", "A tag value has at most 256 characters.");
            }
        }
        if (tags.Count == 0 || tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count() != tags.Count)
        {
            errors.Add("tags", "Give at least one tag, each key once.");
        }
        var existing = await change.Db.OrganizationTags.Where(t => t.ResourceId == resourceId).ToListAsync();
        if (existing.Select(t => t.Key).Union(tags.Select(t => t.Key)).Count() > MaxPerResource)
        {
            errors.Add("tags", $"Quota 'tags per resource' ({MaxPerResource}) would be exceeded.");
        }
        if (!errors.IsEmpty)
        {
            return false;
        }
        foreach (var tag in tags)
        {
            if (existing.FirstOrDefault(t => t.Key == tag.Key) is { } held)
            {
                held.Value = tag.Value;
            }
            else
            {
                change.Db.OrganizationTags.Add(new OrganizationTag { ResourceId = resourceId, Key = tag.Key, Value = tag.Value });
            }
        }
        return true;
    }

    /// <summary>Removes the tags with these keys; a key not there is ignored, as Organizations does.</summary>
    public Task<OperationResult<string>> UntagAsync(Actor actor, string resourceId, IReadOnlyList<string> keys) =>
        changes.RunAsync(actor, new ChangeSpec("organizations:UntagResource", resourceId, Clearance.Admin), async change =>
        {
            if (!Exists(await OrganizationSnapshot.LoadAsync(change.Db), resourceId))
            {
                return change.NotFound<string>($"No root, OU, account or policy has the id '{resourceId}'.");
            }
            change.Db.OrganizationTags.RemoveRange(await change.Db.OrganizationTags.Where(t => t.ResourceId == resourceId && keys.Contains(t.Key)).ToListAsync());
            change.Touches(ChangeArea.Organization, resourceId);
            return change.Succeed(resourceId, $"Untagged {string.Join(", ", keys)}.");
        });

    private static bool Exists(OrganizationSnapshot org, string id) =>
        id == org.Zone?.RootId || org.Ou(id) is { DeletedOutOfBand: false } || org.Account(id) is not null || org.Policies.Any(p => p.Id == id);
}
