using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>The body of <c>PATCH /api/v1/landing-zone</c>, and what Control Tower's UpdateLandingZone may change in the manifest.</summary>
public sealed class LandingZoneUpdate
{
    /// <summary>The governed Regions, the home Region first (it cannot change). Absent: unchanged.</summary>
    public List<string>? GovernedRegions { get; set; }

    /// <summary>Days the Log Archive keeps logs. Absent: unchanged.</summary>
    public int? LogRetentionDays { get; set; }

    /// <summary>A newer landing zone version: the baseline is applied again. Absent: unchanged.</summary>
    public string? Version { get; set; }
}

/// <summary>An update or reset accepted: its operation, as <c>GET /api/v1/landing-zone/operations</c> lists it.</summary>
public sealed record LandingZoneOperationAccepted(string OperationIdentifier);

/// <summary>A landing zone operation as the API lists it, with Control Tower's type name (UPDATE, RESET).</summary>
public sealed record LandingZoneOperationView(string OperationIdentifier, string OperationType, string Status, string? StatusMessage,
    DateTime StartTime, DateTime? EndTime, string RequestedBy)
{
    public static LandingZoneOperationView From(ControlOperation o) => new(o.Id, ControlOperationTypes.LandingZoneType(o.OperationType) ?? o.OperationType.ToString(),
        o.Status.ToString(), o.StatusMessage, o.StartUtc, o.EndUtc, o.RequestedBy);
}

public sealed partial class LandingZoneService
{
    public const string UpdateAction = "controltower:UpdateLandingZone";
    public const string ResetAction = "controltower:ResetLandingZone";

    /// <summary>
    /// Changes the governed Regions and the log retention in one change: enrolled accounts get a Config recorder in each
    /// added Region and lose the one of each removed Region, the Log Archive's bucket keeps logs for the new retention,
    /// and every OU's Control Tower SCPs are written again (the Region deny control names the governed Regions). Recorded
    /// as an UPDATE_LANDING_ZONE operation, whose id is returned.
    /// </summary>
    public async Task<OperationResult<string>> UpdateAsync(Actor actor, LandingZoneUpdate update)
    {
        var updated = await changes.RunAsync(actor, new ChangeSpec(UpdateAction, "landing-zone", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Zone is not { } zone)
            {
                return change.NotFound<string>("There is no landing zone to update: set it up first.");
            }
            change.Target = zone.RootId;
            var regions = update.GovernedRegions?.Select(r => r?.Trim() ?? "").ToList() ?? zone.GovernedRegions;
            var days = update.LogRetentionDays ?? zone.LogRetentionDays;
            CheckRegions(change.Errors, regions);
            if (regions.Count > 0 && !string.Equals(regions[0], zone.HomeRegion, StringComparison.Ordinal))
            {
                change.Errors.Add("governedRegions", $"The home Region {zone.HomeRegion} stays the first governed Region: Control Tower cannot change it.");
            }
            CheckRetention(change.Errors, days);
            var version = update.Version?.Trim() ?? zone.Version;
            if (!LandingZone.IsOffered(version))
            {
                change.Errors.Add("version", $"'{version}' is not a landing zone version MirrorTower offers: {string.Join(", ", LandingZone.OfferedVersions)}.");
            }
            else if (System.Version.Parse(version) < System.Version.Parse(zone.Version))
            {
                change.Errors.Add("version", $"The landing zone is at version {zone.Version}: Control Tower updates to a newer version, never back to {version}.");
            }
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var upgraded = version != zone.Version ? $"version {zone.Version} → {version}, " : "";
            zone.Version = version;

            var added = regions.Except(zone.GovernedRegions).ToList();
            var removed = zone.GovernedRegions.Except(regions).ToList();
            zone.GovernedRegions = regions;
            zone.LogRetentionDays = days;
            var enrolled = org.Accounts.Where(a => a.Enrolled && a.Kind != AccountKind.Management).Select(a => a.Id).ToList();
            change.Db.AccountResources.AddRange(enrolled.SelectMany(account => added.Select(region => Baseline.ConfigRecorderIn(account, region))));
            await change.Db.AccountResources
                .Where(r => enrolled.Contains(r.AccountId) && removed.Contains(r.Region) && r.Name == Baseline.ConfigRecorder && r.Type == "AWS::Config::ConfigurationRecorder")
                .ExecuteDeleteAsync();
            var logBucket = Baseline.LogBucketName(zone.LogArchiveAccountId, zone.HomeRegion);
            foreach (var bucket in await change.Db.AccountResources.Where(r => r.AccountId == zone.LogArchiveAccountId && r.Name == logBucket).ToListAsync())
            {
                bucket.Properties = new Dictionary<string, string>(bucket.Properties) { ["RetentionDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }
            var repaired = "";
            if (upgraded.Length > 0)
            {
                // A new version applies the baseline again, as the reset does: it repairs landing zone drift and writes every
                // OU's Control Tower policies from its controls.
                var drifted = DriftDetector.Detect(org).Count;
                await DriftService.ResetLandingZoneAsync(change, org, recordOperation: false);
                repaired = $"baseline applied again ({drifted} drift item(s) repaired); ";
            }
            else
            {
                foreach (var ou in org.LiveOus)
                {
                    if (Guardrails.Rebuild(change.Db, org, ou.Id, org.ControlsOn(ou.Id), change.Now) is { } problem)
                    {
                        change.Errors.Add("governedRegions", problem);
                    }
                }
            }
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var summary = upgraded + repaired + $"Governed Regions {string.Join(", ", regions)}" +
                (added.Count > 0 ? $" (added {string.Join(", ", added)})" : "") + (removed.Count > 0 ? $" (removed {string.Join(", ", removed)})" : "") +
                $"; logs kept {days} days.";
            var operation = LandingZoneOperation(change, zone, ControlOperationType.UPDATE_LANDING_ZONE, summary);
            change.Touches(ChangeArea.Organization).Touches(ChangeArea.Policies).Touches(ChangeArea.Controls).Touches(ChangeArea.Resources);
            return change.Succeed(operation, summary);
        });
        if (updated.Succeeded)
        {
            compliance.Enqueue(Compliance.ComplianceScope.All);
        }
        return updated;
    }

    /// <summary>Brings the landing zone back to its manifest (the drift repair of the same name), as a RESET_LANDING_ZONE operation.</summary>
    public async Task<OperationResult<string>> ResetAsync(Actor actor)
    {
        var reset = await changes.RunAsync(actor, new ChangeSpec(ResetAction, "landing-zone", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Zone is null)
            {
                return change.NotFound<string>("There is no landing zone to reset: set it up first.");
            }
            var operation = await DriftService.ResetLandingZoneAsync(change, org);
            if (!change.Errors.IsEmpty || operation is null)
            {
                return change.Invalid<string>();
            }
            change.Touches(ChangeArea.Organization).Touches(ChangeArea.Controls).Touches(ChangeArea.Policies);
            return change.Succeed(operation, "The landing zone was reset to its manifest.");
        });
        if (reset.Succeeded)
        {
            compliance.Enqueue(Compliance.ComplianceScope.All);
        }
        return reset;
    }

    /// <summary>The landing zone's operations (updates and resets), the most recent first.</summary>
    public async Task<IReadOnlyList<ControlOperation>> OperationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        ControlOperationType[] types = [ControlOperationType.UPDATE_LANDING_ZONE, ControlOperationType.RESET_LANDING_ZONE];
        return await db.ControlOperations.AsNoTracking().Where(o => types.Contains(o.OperationType))
            .OrderByDescending(o => o.StartUtc).ThenByDescending(o => o.Id).ToListAsync(cancellationToken);
    }

    private static string LandingZoneOperation(PendingChange change, LandingZone zone, ControlOperationType type, string message)
    {
        var operation = new ControlOperation
        {
            Id = Guid.NewGuid().ToString(), OperationType = type, Status = ControlOperationStatus.SUCCEEDED,
            ControlIdentifier = ControlOperationTypes.LandingZone, TargetId = zone.RootId, RequestedBy = change.Actor.Name, RequestedVia = change.Actor.Source,
            StartUtc = change.Now, EndUtc = change.Now, StatusMessage = message,
        };
        change.Db.ControlOperations.Add(operation);
        return operation.Id;
    }
}
