using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Security;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.ServiceControlPolicies;

namespace MirrorTower.Portal.Features.Organization.AwsApi;

/// <summary>One Organizations call: its input, the caller, the organization as it is now, and the services that change it.</summary>
internal sealed record OrganizationsCall(JsonObject Input, AwsRequest Request, OrganizationSnapshot Org, OrganizationsArns Arns, IServiceProvider Services)
{
    public string? String(string name) => Input[name]?.GetValueKind() == JsonValueKind.String ? Input[name]!.GetValue<string>() : null;

    public string Required(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new AwsError("InvalidInputException", $"You provided a value that does not match the required pattern: {name} is required.");

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>
/// AWS Organizations over its JSON 1.1 protocol (<c>X-Amz-Target: AWSOrganizationsV20161128.*</c>), answered from the
/// same organization the pages show and changed through the same services (so every change is checked, gated by
/// the policy test suites and audited under the key's user). As in AWS, only keys of the management account may call it.
/// </summary>
public static partial class OrganizationsJsonApi
{
    private const string TargetPrefix = "AWSOrganizationsV20161128.";

    public static async Task ServeAsync(HttpContext context, AwsRequest request)
    {
        var operation = AwsJson.Operation(context, TargetPrefix, Handlers.Keys, "Organizations");
        var input = AwsJson.Body(request, "SerializationException");
        var (org, arns) = await ManagementScope.LoadAsync(context, request, "AWSOrganizationsNotInUseException");
        var answer = await Handlers[operation](new OrganizationsCall(input, request, org, arns, context.RequestServices));
        await AwsJson.WriteAsync(context, request, answer);
    }

    /// <summary>
    /// The value of a change, or the Organizations error that answers instead. Validation errors name their field; the
    /// codes are AWS's for the same refusals (a duplicate name, a non-empty OU, the attachment quota).
    /// </summary>
    private static T Value<T>(OperationResult<T> result, string notFoundCode, string duplicateCode = "DuplicateOrganizationalUnitException") => result.Status switch
    {
        OperationStatus.Succeeded => result.Value!,
        OperationStatus.NotFound => throw new AwsError(notFoundCode, result.Message ?? "Not found."),
        OperationStatus.Invalid or OperationStatus.Conflict => throw new AwsError(InvalidCode(result.Errors, duplicateCode), Describe(result.Errors)),
        OperationStatus.NeedsConfirmation => throw new AwsError("ConstraintViolationException",
            $"{result.Message?.Replace(" Confirm the change to make it anyway.", "", StringComparison.Ordinal)} The AWS API cannot confirm it: make the change in the portal, or fix the policy tests."),
        _ => throw new AwsError("AccessDeniedException", result.Message ?? "You don't have permissions to access this resource.", StatusCodes.Status403Forbidden),
    };

    private static string Describe(FieldErrors errors) =>
        string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));

    private static string InvalidCode(FieldErrors errors, string duplicateCode)
    {
        var text = Describe(errors);
        return errors.ToDictionary().ContainsKey("document") ? "MalformedPolicyDocumentException"
            : text.Contains("already attached", StringComparison.Ordinal) ? "DuplicatePolicyAttachmentException"
            : text.Contains("not attached to", StringComparison.Ordinal) ? "PolicyNotAttachedException"
            : text.Contains("is not empty", StringComparison.Ordinal) ? "OrganizationalUnitNotEmptyException"
            : text.Contains("already exists", StringComparison.Ordinal) ? duplicateCode
            : text.Contains("Quota", StringComparison.Ordinal) || text.Contains("at least one SCP", StringComparison.Ordinal) || text.Contains("at most 5 levels", StringComparison.Ordinal) ? "ConstraintViolationException"
            : "InvalidInputException";
    }
}
