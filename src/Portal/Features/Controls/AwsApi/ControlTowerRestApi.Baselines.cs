using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.AwsApi;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Controls.AwsApi;

/// <summary>
/// Control Tower's baselines (API Reference: ListBaselines, GetBaseline, EnableBaseline, ListEnabledBaselines,
/// GetBaselineOperation). The four of a landing zone are listed with AWS's identifiers; AWSControlTowerBaseline on an OU
/// is its registration, the only one a user enables here (the others are set up with the landing zone).
/// </summary>
public static partial class ControlTowerRestApi
{
    private sealed record Baseline(string Id, string Name, string Description);

    /// <summary>AWS's baseline identifiers and descriptions, as <c>aws controltower list-baselines</c> prints them in awscli's examples.</summary>
    private static readonly Baseline[] KnownBaselines =
    [
        new("4T4HA1KMO10S6311", "AuditBaseline", "Sets up resources to monitor security and compliance of accounts in your organization."),
        new("J8HX46AHS5MIKQPD", "LogArchiveBaseline", "Sets up a central repository for logs of API activities and resource configurations from accounts in your organization."),
        new("LN25R72TTG6IGPTQ", "IdentityCenterBaseline", "Sets up shared resources for AWS Identity Center, which prepares the AWSControlTowerBaseline to set up Identity Center access for accounts."),
        new("17BSJV3IGJ2QSGA2", Baselines.ControlTower, "Sets up resources and mandatory controls for member accounts within the target OU, required for AWS Control Tower governance."),
    ];

    /// <summary>The AWSControlTowerBaseline version that goes with landing zone 3.3.</summary>
    private const string ControlTowerBaselineVersion = "4.0";

    private static Dictionary<string, Handler> BaselineHandlers() => new(StringComparer.Ordinal)
    {
        ["list-baselines"] = (input, request, arns, org, controls, services) =>
            Task.FromResult<object>(new { baselines = KnownBaselines.Select(b => new { arn = BaselineArn(request, b), name = b.Name, description = b.Description }) }),
        ["get-baseline"] = (input, request, arns, org, controls, services) =>
        {
            var baseline = BaselineOf(input, request);
            return Task.FromResult<object>(new { arn = BaselineArn(request, baseline), name = baseline.Name, description = baseline.Description });
        },
        ["enable-baseline"] = async (input, request, arns, org, controls, services) =>
        {
            var baseline = BaselineOf(input, request);
            if (baseline.Name != Baselines.ControlTower)
            {
                throw new AwsError("ValidationException", $"{baseline.Name} is set up with the landing zone; only {Baselines.ControlTower} is enabled on OUs.");
            }
            if (Required(input, "baselineVersion") != ControlTowerBaselineVersion)
            {
                throw new AwsError("ValidationException", $"baselineVersion: {Baselines.ControlTower} is at version {ControlTowerBaselineVersion} for landing zone {LandingZone.CurrentVersion}.");
            }
            var ou = arns.OuOfArn(Required(input, "targetIdentifier")) is { } id && org.Ou(id) is { DeletedOutOfBand: false } target ? target
                : throw new AwsError("ResourceNotFoundException", $"targetIdentifier '{input["targetIdentifier"]}' is not the ARN of an OU of this organization.", StatusCodes.Status404NotFound);
            var operation = Value(await services.GetRequiredService<OrganizationService>().RegisterOuAsync(request.Actor, ou.Id));
            return new { arn = EnabledBaselineArn(request, arns, ou.Id), operationIdentifier = operation };
        },
        ["list-enabled-baselines"] = (input, request, arns, org, controls, services) =>
        {
            var controlTower = KnownBaselines.Single(b => b.Name == Baselines.ControlTower);
            var enabled = org.LiveOus.Where(o => o.Registered).OrderBy(o => o.Id, StringComparer.Ordinal).Select(o => (object)new
            {
                arn = EnabledBaselineArn(request, arns, o.Id), baselineIdentifier = BaselineArn(request, controlTower), baselineVersion = ControlTowerBaselineVersion,
                targetIdentifier = arns.Ou(o.Id), statusSummary = new { status = "SUCCEEDED" },
            }).ToList();
            var (page, next) = AwsPaging.Page(enabled, input["nextToken"]?.GetValue<string>(), input["maxResults"] is { } m ? m.GetValue<int>() : 100, "ValidationException");
            return Task.FromResult<object>(new { enabledBaselines = page, nextToken = next });
        },
        ["get-baseline-operation"] = async (input, request, arns, org, controls, services) =>
        {
            var id = Required(input, "operationIdentifier");
            var operation = await controls.GetOperationAsync(id) is { OperationType: ControlOperationType.ENABLE_BASELINE } found ? found
                : throw new AwsError("ResourceNotFoundException", $"No baseline operation has the identifier '{id}'.", StatusCodes.Status404NotFound);
            return new
            {
                baselineOperation = new
                {
                    operationIdentifier = id, operationType = "ENABLE_BASELINE", status = operation.Status.ToString(), statusMessage = operation.StatusMessage,
                    startTime = Iso(operation.StartTime), endTime = operation.EndTime is { } end ? Iso(end) : null,
                },
            };
        },
    };

    private static string BaselineArn(AwsRequest request, Baseline baseline) => $"arn:aws:controltower:{request.Region}::baseline/{baseline.Id}";

    private static string EnabledBaselineArn(AwsRequest request, OrganizationsArns arns, string ouId) =>
        $"arn:aws:controltower:{request.Region}:{arns.ManagementAccountId}:enabledbaseline/{Hash($"baseline/{ouId}", 17)}";

    private static Baseline BaselineOf(System.Text.Json.Nodes.JsonObject input, AwsRequest request)
    {
        var arn = Required(input, "baselineIdentifier");
        return KnownBaselines.FirstOrDefault(b => BaselineArn(request, b) == arn)
            ?? throw new AwsError("ResourceNotFoundException", $"No baseline has the identifier '{arn}' in {request.Region}.", StatusCodes.Status404NotFound);
    }
}
