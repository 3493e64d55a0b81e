using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.AwsApi;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Controls.AwsApi;

/// <summary>
/// The landing zone's writes and their operations, shaped as the Control Tower API Reference gives them
/// (docs.aws.amazon.com/controltower/latest/APIReference: API_CreateLandingZone, API_UpdateLandingZone,
/// API_ResetLandingZone, API_GetLandingZoneOperation, API_ListLandingZoneOperations, API_LandingZoneOperationFilter).
/// The manifest is the one GetLandingZone returns; of it, UpdateLandingZone changes the governed Regions and the log
/// retention (what the portal's own update changes), and refuses, naming the field, a change to anything else.
/// </summary>
public static partial class ControlTowerRestApi
{
    private static Dictionary<string, Handler> LandingZoneHandlers() => new(StringComparer.Ordinal)
    {
        // A key exists only for an account of an organization that has its landing zone (the portal's setup creates it),
        // so a create reaching this point always finds one, as AWS does for an organization that has one.
        ["create-landingzone"] = (input, request, arns, org, controls, services) =>
            throw new AwsError("ConflictException", $"The organization already has a landing zone ({LandingZoneArn(org.Zone!, arns)}): update it with UpdateLandingZone.",
                StatusCodes.Status409Conflict),
        ["update-landingzone"] = async (input, request, arns, org, controls, services) =>
        {
            var zone = ZoneOf(input, arns, org);
            var version = Required(input, "version");
            if (!LandingZone.IsOffered(version))
            {
                throw new AwsError("ValidationException", $"version: MirrorTower offers landing zone versions {string.Join(", ", LandingZone.OfferedVersions)}.");
            }
            var update = UpdateOf(input["manifest"] as JsonObject ?? throw new AwsError("ValidationException", "manifest is required (a JSON object)."), zone, org);
            update.Version = version;
            var operation = Value(await services.GetRequiredService<LandingZoneService>().UpdateAsync(request.Actor, update));
            return new { operationIdentifier = operation };
        },
        ["reset-landingzone"] = async (input, request, arns, org, controls, services) =>
        {
            ZoneOf(input, arns, org);
            var operation = Value(await services.GetRequiredService<LandingZoneService>().ResetAsync(request.Actor));
            return new { operationIdentifier = operation };
        },
        ["get-landingzone-operation"] = async (input, request, arns, org, controls, services) =>
        {
            var id = Required(input, "operationIdentifier");
            var operation = await controls.GetOperationAsync(id);
            if (operation is null || ControlOperationTypes.LandingZoneType(operation.OperationType) is not { } type)
            {
                throw new AwsError("ResourceNotFoundException", $"No landing zone operation has the identifier '{id}'.", StatusCodes.Status404NotFound);
            }
            return new
            {
                operationDetails = new
                {
                    operationIdentifier = id, operationType = type, status = operation.Status.ToString(), statusMessage = operation.StatusMessage,
                    startTime = Iso(operation.StartTime), endTime = operation.EndTime is { } end ? Iso(end) : null,
                },
            };
        },
        ["list-landingzone-operations"] = async (input, request, arns, org, controls, services) =>
        {
            var filter = input["filter"] as JsonObject;
            HashSet<string>? Values(string name) => filter?[name] is JsonArray list ? [.. list.Select(v => v?.ToString() ?? "")] : null;
            var (types, statuses) = (Values("types"), Values("statuses"));
            var operations = (await services.GetRequiredService<LandingZoneService>().OperationsAsync())
                .Select(o => (Operation: o, Type: ControlOperationTypes.LandingZoneType(o.OperationType)!))
                .Where(o => (types is null || types.Contains(o.Type)) && (statuses is null || statuses.Contains(o.Operation.Status.ToString())))
                .Select(o => (object)new { operationIdentifier = o.Operation.Id, operationType = o.Type, status = o.Operation.Status.ToString() })
                .ToList();
            var max = input["maxResults"] is { } m ? m.GetValue<int>() : 100;
            if (max is < 1 or > 100)
            {
                throw new AwsError("ValidationException", "maxResults runs from 1 to 100.");
            }
            var (page, next) = AwsPaging.Page(operations, input["nextToken"]?.GetValue<string>(), max, "ValidationException");
            return new { landingZoneOperations = page, nextToken = next };
        },
    };

    private static LandingZone ZoneOf(JsonObject input, OrganizationsArns arns, OrganizationSnapshot org)
    {
        var arn = Required(input, "landingZoneIdentifier");
        return arn == LandingZoneArn(org.Zone!, arns) ? org.Zone!
            : throw new AwsError("ResourceNotFoundException", $"No landing zone has the identifier '{arn}'.", StatusCodes.Status404NotFound);
    }

    /// <summary>The changes a manifest asks for, refusing (ValidationException, naming the field) what the landing zone cannot change.</summary>
    private static LandingZoneUpdate UpdateOf(JsonObject manifest, LandingZone zone, OrganizationSnapshot org)
    {
        static AwsError Invalid(string message) => new("ValidationException", message);
        string? Text(JsonNode? node, string field) => node is null ? null
            : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw Invalid($"manifest.{field} is a string.");
        int? Days(JsonNode? node, string field) => node is null ? null
            : node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is var d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d
            : throw Invalid($"manifest.{field} is a whole number of days.");

        var regions = manifest["governedRegions"] switch
        {
            null => null,
            JsonArray list => list.Select((r, i) => Text(r, $"governedRegions[{i}]") ?? throw Invalid($"manifest.governedRegions[{i}] is a Region code.")).ToList(),
            _ => throw Invalid("manifest.governedRegions is a list of Region codes."),
        };
        var structure = manifest["organizationStructure"];
        if (Text(structure?["security"]?["name"], "organizationStructure.security.name") is { } security && security != org.Ou(zone.SecurityOuId)?.Name)
        {
            throw Invalid($"manifest.organizationStructure.security.name: the Security OU is {org.Ou(zone.SecurityOuId)?.Name}; MirrorTower does not rename foundational OUs.");
        }
        var sandboxName = zone.SandboxOuId is { } sandbox ? org.Ou(sandbox)?.Name : null;
        if (Text(structure?["sandbox"]?["name"], "organizationStructure.sandbox.name") is { } sandboxAsked && sandboxAsked != sandboxName)
        {
            throw Invalid($"manifest.organizationStructure.sandbox.name: the Sandbox OU is {sandboxName ?? "not set up"}; MirrorTower does not add or rename foundational OUs.");
        }
        var logging = manifest["centralizedLogging"];
        if (Text(logging?["accountId"], "centralizedLogging.accountId") is { } logArchive && logArchive != zone.LogArchiveAccountId)
        {
            throw Invalid($"manifest.centralizedLogging.accountId: the Log Archive account is {zone.LogArchiveAccountId} and cannot change.");
        }
        if (logging?["enabled"] is { } enabled && enabled.GetValueKind() != JsonValueKind.True)
        {
            throw Invalid("manifest.centralizedLogging.enabled: MirrorTower's landing zone always logs centrally.");
        }
        if (Text(manifest["securityRoles"]?["accountId"], "securityRoles.accountId") is { } audit && audit != zone.AuditAccountId)
        {
            throw Invalid($"manifest.securityRoles.accountId: the Audit account is {zone.AuditAccountId} and cannot change.");
        }
        if (manifest["accessManagement"]?["enabled"] is { } access && access.GetValueKind() != JsonValueKind.True)
        {
            throw Invalid("manifest.accessManagement.enabled: MirrorTower's landing zone always manages access with IAM Identity Center.");
        }
        var configurations = logging?["configurations"];
        var days = Days(configurations?["loggingBucket"]?["retentionDays"], "centralizedLogging.configurations.loggingBucket.retentionDays");
        var accessDays = Days(configurations?["accessLoggingBucket"]?["retentionDays"], "centralizedLogging.configurations.accessLoggingBucket.retentionDays");
        if (accessDays is not null && accessDays != (days ?? zone.LogRetentionDays))
        {
            throw Invalid("manifest.centralizedLogging.configurations.accessLoggingBucket.retentionDays: MirrorTower keeps one retention for both buckets; give the loggingBucket's.");
        }
        return new LandingZoneUpdate { GovernedRegions = regions, LogRetentionDays = days };
    }
}
