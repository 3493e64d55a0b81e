using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.AwsApi;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Controls.AwsApi;

/// <summary>
/// The reads of the current Control Tower API that awscli 2.9.19 predates (GetLandingZone, ListLandingZones,
/// GetEnabledControl, ListControlOperations), shaped as the Control Tower API Reference gives them
/// (docs.aws.amazon.com/controltower/latest/APIReference: API_LandingZoneDetail, API_EnabledControlDetails,
/// API_ControlOperationSummary).
/// </summary>
public static partial class ControlTowerRestApi
{
    private static Dictionary<string, Handler> ReadHandlers() => new(StringComparer.Ordinal)
    {
        ["list-landingzones"] = (input, request, arns, org, controls, services) =>
            Task.FromResult<object>(new { landingZones = new[] { new { arn = LandingZoneArn(org.Zone!, arns) } } }),
        ["get-landingzone"] = (input, request, arns, org, controls, services) =>
        {
            var zone = org.Zone!;
            var arn = Required(input, "landingZoneIdentifier");
            if (arn != LandingZoneArn(zone, arns))
            {
                throw new AwsError("ResourceNotFoundException", $"No landing zone has the identifier '{arn}'.", StatusCodes.Status404NotFound);
            }
            var drifted = DriftDetector.Detect(org).Count > 0;
            return Task.FromResult<object>(new
            {
                landingZone = new
                {
                    arn, version = zone.Version, latestAvailableVersion = LandingZone.CurrentVersion, status = "ACTIVE",
                    driftStatus = new { status = drifted ? "DRIFTED" : "IN_SYNC" },
                    manifest = Manifest(zone, org),
                },
            });
        },
        ["get-enabled-control"] = (input, request, arns, org, controls, services) =>
        {
            var arn = Required(input, "enabledControlIdentifier");
            var found = org.Controls.FirstOrDefault(c => EnabledControlArn(request, arns, c) == arn)
                ?? throw new AwsError("ResourceNotFoundException", $"No enabled control has the identifier '{arn}'.", StatusCodes.Status404NotFound);
            return Task.FromResult<object>(new
            {
                enabledControlDetails = new
                {
                    arn, controlIdentifier = ControlArn(request.Region, found.ControlIdentifier), targetIdentifier = arns.Ou(found.OuId),
                    statusSummary = new { status = found.Status.ToString() },
                    driftStatusSummary = DriftSummary(Organization.Drift.ControlDrift.Detect(org).GetValueOrDefault((found.OuId, found.ControlIdentifier))),
                    targetRegions = org.Zone!.GovernedRegions.Select(r => new { name = r }),
                    parameters = found.Parameters.Select(p => new { key = p.Key, value = p.Value }),
                },
            });
        },
        ["list-control-operations"] = async (input, request, arns, org, controls, services) =>
        {
            var filter = input["filter"] as JsonObject;
            HashSet<string>? Values(string name) => filter?[name] is JsonArray list ? [.. list.Select(v => v?.ToString() ?? "")] : null;
            var (controlIds, targets, statuses, types) = (Values("controlIdentifiers"), Values("targetIdentifiers"), Values("statuses"), Values("controlOperationTypes"));
            var operations = (await controls.RecentOperationsAsync(1000)).Where(o => ControlOperationTypes.IsControl(o.OperationType))
                .Select(o => (Operation: o, Control: ControlArn(request.Region, o.ControlIdentifier), Target: arns.Ou(o.TargetIdentifier)))
                .Where(o => (controlIds is null || controlIds.Contains(o.Control)) && (targets is null || targets.Contains(o.Target))
                    && (statuses is null || statuses.Contains(o.Operation.Status.ToString())) && (types is null || types.Contains(o.Operation.OperationType.ToString())))
                .Select(o => (object)new
                {
                    operationIdentifier = o.Operation.OperationIdentifier, operationType = o.Operation.OperationType.ToString(), status = o.Operation.Status.ToString(),
                    statusMessage = o.Operation.StatusMessage, startTime = Iso(o.Operation.StartTime), endTime = o.Operation.EndTime is { } end ? Iso(end) : null,
                    controlIdentifier = o.Control, targetIdentifier = o.Target,
                }).ToList();
            var max = input["maxResults"] is { } m ? m.GetValue<int>() : 100;
            if (max is < 1 or > 200)
            {
                throw new AwsError("ValidationException", "maxResults runs from 1 to 200.");
            }
            var (page, next) = AwsPaging.Page(operations, input["nextToken"]?.GetValue<string>(), max, "ValidationException");
            return new { controlOperations = page, nextToken = next };
        },
    };

    /// <summary>An enabled control's DriftStatusSummary (API Reference: DriftStatusSummary, EnabledControlDriftTypes).</summary>
    private static object DriftSummary(Organization.Drift.ControlDriftStatus? drift) => drift is null
        ? new { driftStatus = "UNKNOWN", types = (object?)null }
        : new { driftStatus = drift.DriftStatus, types = (object?)new { inheritance = new { status = drift.Inheritance }, resource = new { status = drift.Resource } } };

    public static string LandingZoneArn(LandingZone zone, OrganizationsArns arns) =>
        $"arn:aws:controltower:{zone.HomeRegion}:{arns.ManagementAccountId}:landingzone/{Hash(zone.RootId, 12)}";

    /// <summary>An enabled control's ARN, stable for one control on one OU.</summary>
    private static string EnabledControlArn(AwsRequest request, OrganizationsArns arns, EnabledControl control) =>
        $"arn:aws:controltower:{request.Region}:{arns.ManagementAccountId}:enabledcontrol/{Hash($"{control.OuId}/{control.ControlIdentifier}", 16)}";

    private static string Hash(string text, int length) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    /// <summary>The landing zone's manifest in the shape CreateLandingZone takes (Control Tower's "landing zone manifest" schema).</summary>
    private static object Manifest(LandingZone zone, OrganizationSnapshot org) => new
    {
        governedRegions = zone.GovernedRegions,
        organizationStructure = new
        {
            security = new { name = org.Ou(zone.SecurityOuId)?.Name },
            sandbox = zone.SandboxOuId is { } sandbox ? new { name = org.Ou(sandbox)?.Name } : null,
        },
        centralizedLogging = new
        {
            accountId = zone.LogArchiveAccountId, enabled = true,
            configurations = new { loggingBucket = new { retentionDays = zone.LogRetentionDays }, accessLoggingBucket = new { retentionDays = zone.LogRetentionDays } },
        },
        securityRoles = new { accountId = zone.AuditAccountId },
        accessManagement = new { enabled = true },
    };
}
