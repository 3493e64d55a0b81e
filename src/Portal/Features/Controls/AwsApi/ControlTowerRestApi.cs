using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.AwsApi;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Controls.AwsApi;

/// <summary>
/// AWS Control Tower's control operations over REST-JSON (<c>POST /aws/enable-control</c>, ...), as botocore's
/// controltower 2018-05-10 model shapes them: controls by ARN (<c>arn:aws:controltower:REGION::control/AWS-GR_…</c>),
/// targets by OU ARN, asynchronous operations polled with GetControlOperation. The same queue and worker as the pages.
/// The reads the current API added are in <c>ControlTowerRestApi.Reads.cs</c>.
/// </summary>
public static partial class ControlTowerRestApi
{
    public static IReadOnlyCollection<string> Operations => Handlers.Keys;

    private delegate Task<object> Handler(JsonObject input, AwsRequest request, OrganizationsArns arns, OrganizationSnapshot org, ControlService controls, IServiceProvider services);

    private static readonly Dictionary<string, Handler> Handlers = new(StringComparer.Ordinal)
    {
        ["enable-control"] = async (input, request, arns, org, controls, services) =>
        {
            var ou = Ou(input, arns, org);
            var accepted = Value(await controls.RequestEnableAsync(request.Actor, ou, new EnableControlRequest
            {
                ControlIdentifier = ControlOf(input, request.Region), Parameters = Parameters(input),
            }));
            return new { operationIdentifier = accepted.OperationIdentifier };
        },
        ["disable-control"] = async (input, request, arns, org, controls, services) =>
        {
            var ou = Ou(input, arns, org);
            var accepted = Value(await controls.RequestDisableAsync(request.Actor, ou, ControlOf(input, request.Region)));
            return new { operationIdentifier = accepted.OperationIdentifier };
        },
        ["get-control-operation"] = async (input, request, arns, org, controls, services) =>
        {
            var id = Required(input, "operationIdentifier");
            var operation = await controls.GetOperationAsync(id) is { } found && ControlOperationTypes.IsControl(found.OperationType) ? found
                : throw new AwsError("ResourceNotFoundException", $"No control operation has the identifier '{id}'.", StatusCodes.Status404NotFound);
            return new
            {
                controlOperation = new
                {
                    operationType = operation.OperationType.ToString(), status = operation.Status.ToString(), statusMessage = operation.StatusMessage,
                    startTime = Iso(operation.StartTime), endTime = operation.EndTime is { } end ? Iso(end) : null,
                },
            };
        },
        ["list-enabled-controls"] = (input, request, arns, org, controls, services) =>
        {
            var ou = Ou(input, arns, org);
            var drift = Organization.Drift.ControlDrift.Detect(org);
            // EnabledControlFilter: controlIdentifiers, statuses, driftStatuses (each a list; an absent one filters nothing).
            var filter = input["filter"] as JsonObject;
            HashSet<string>? Values(string name) => filter?[name] is JsonArray list ? [.. list.Select(v => v?.ToString() ?? "")] : null;
            var (controlIds, statuses, driftStatuses) = (Values("controlIdentifiers"), Values("statuses"), Values("driftStatuses"));
            var all = org.ControlsOn(ou).Where(c => c.Status != EnabledControlStatus.FAILED).OrderBy(c => c.ControlIdentifier, StringComparer.Ordinal)
                .Select(c => (Control: c, Drift: drift.GetValueOrDefault((ou, c.ControlIdentifier))))
                .Where(c => (controlIds is null || controlIds.Contains(ControlArn(request.Region, c.Control.ControlIdentifier)))
                    && (statuses is null || statuses.Contains(c.Control.Status.ToString()))
                    && (driftStatuses is null || driftStatuses.Contains(c.Drift?.DriftStatus ?? "UNKNOWN")))
                .Select(c => new
                {
                    controlIdentifier = ControlArn(request.Region, c.Control.ControlIdentifier), arn = EnabledControlArn(request, arns, c.Control), targetIdentifier = arns.Ou(ou),
                    statusSummary = new { status = c.Control.Status.ToString() }, driftStatusSummary = DriftSummary(c.Drift),
                }).ToList();
            var max = input["maxResults"] is { } m ? m.GetValue<int>() : 100;
            if (max is < 1 or > 100)
            {
                throw new AwsError("ValidationException", "maxResults runs from 1 to 100.");
            }
            var (page, next) = AwsPaging.Page(all, input["nextToken"]?.GetValue<string>(), max, "ValidationException");
            return Task.FromResult<object>(new { enabledControls = page, nextToken = next });
        },
        ["reset-enabled-control"] = async (input, request, arns, org, controls, services) =>
        {
            var arn = Required(input, "enabledControlIdentifier");
            var found = org.Controls.FirstOrDefault(c => EnabledControlArn(request, arns, c) == arn)
                ?? throw new AwsError("ResourceNotFoundException", $"No enabled control has the identifier '{arn}'.", StatusCodes.Status404NotFound);
            var operation = Value(await services.GetRequiredService<Organization.Drift.DriftService>().ResetEnabledControlAsync(request.Actor, found.OuId, found.ControlIdentifier));
            return new { operationIdentifier = operation };
        },
    };

    static ControlTowerRestApi()
    {
        // Field initializers of a partial class run in no promised order across files; the constructor runs after all of them.
        foreach (var (operation, handler) in ReadHandlers().Concat(BaselineHandlers()).Concat(LandingZoneHandlers()))
        {
            Handlers.Add(operation, handler);
        }
    }

    public static async Task ServeAsync(HttpContext context, AwsRequest request, string operation)
    {
        if (!Handlers.TryGetValue(operation, out var handler))
        {
            throw new AwsError("UnknownOperationException", $"'{operation}' is not a Control Tower operation MirrorTower serves; it serves {string.Join(", ", Handlers.Keys.Order())}.", StatusCodes.Status404NotFound);
        }
        var input = AwsJson.Body(request, "ValidationException");
        var (org, arns) = await ManagementScope.LoadAsync(context, request, "AccessDeniedException");
        var answer = await handler(input, request, arns, org, context.RequestServices.GetRequiredService<ControlService>(), context.RequestServices);
        await AwsJson.WriteAsync(context, request, answer, "application/json");
    }

    public static string ControlArn(string region, string identifier) => Engine.Controls.Control.ArnOf(region, identifier);

    private static string Required(JsonObject input, string name) =>
        input[name]?.GetValueKind() == JsonValueKind.String && input[name]!.GetValue<string>() is { Length: > 0 } value
            ? value : throw new AwsError("ValidationException", $"{name} is required.");

    /// <summary>A control's ARN in the caller's Region (as AWS requires), to the catalog identifier the portal keeps.</summary>
    private static string ControlOf(JsonObject input, string region)
    {
        var arn = Required(input, "controlIdentifier");
        var prefix = $"arn:aws:controltower:{region}::control/";
        return arn.StartsWith(prefix, StringComparison.Ordinal) && arn.Length > prefix.Length ? arn[prefix.Length..]
            : throw new AwsError("ValidationException", $"controlIdentifier '{arn}' is not a control ARN of {region} ({prefix}AWS-GR_…).");
    }

    private static string Ou(JsonObject input, OrganizationsArns arns, OrganizationSnapshot org)
    {
        var arn = Required(input, "targetIdentifier");
        return arns.OuOfArn(arn) is { } ou && org.Ou(ou) is { DeletedOutOfBand: false } ? ou
            : throw new AwsError("ResourceNotFoundException", $"targetIdentifier '{arn}' is not the ARN of an OU of this organization.", StatusCodes.Status404NotFound);
    }

    /// <summary>The current API's <c>parameters</c>: <c>[{"key": "AllowedRegions", "value": ["eu-west-1"]}]</c>; a value may be a string or a list.</summary>
    private static Dictionary<string, string[]>? Parameters(JsonObject input)
    {
        if (input["parameters"] is not JsonArray list)
        {
            return null;
        }
        var parameters = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            var key = item?["key"]?.GetValue<string>() ?? throw new AwsError("ValidationException", "Each parameter has a key.");
            parameters[key] = item["value"] switch
            {
                JsonArray values => [.. values.Select(v => v?.ToString() ?? "")],
                JsonNode value => [value.ToString()],
                null => [],
            };
        }
        return parameters;
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>The service's answer, or Control Tower's error for it: an operation already running or a control already on is a conflict.</summary>
    private static T Value<T>(OperationResult<T> result)
    {
        var text = result.Errors.IsEmpty ? result.Message ?? "" : string.Join(" ", result.Errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
        return result.Status switch
        {
            OperationStatus.Succeeded => result.Value!,
            OperationStatus.NotFound => throw new AwsError("ResourceNotFoundException", text, StatusCodes.Status404NotFound),
            _ when text.Contains("in progress", StringComparison.Ordinal) || text.Contains("already enabled", StringComparison.Ordinal)
                => throw new AwsError("ConflictException", text, StatusCodes.Status409Conflict),
            OperationStatus.Invalid or OperationStatus.Conflict or OperationStatus.NeedsConfirmation => throw new AwsError("ValidationException", text),
            _ when text.Contains("mandatory", StringComparison.Ordinal) => throw new AwsError("ValidationException", text),
            _ => throw new AwsError("AccessDeniedException", text, StatusCodes.Status403Forbidden),
        };
    }
}
