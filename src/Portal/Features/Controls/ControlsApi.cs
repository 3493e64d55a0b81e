using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Controls;

internal static class ControlsApi
{
    public static void MapControlsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/controls", async (ControlService controls, CancellationToken ct) => await controls.LibraryAsync(ct))
            .WithTags("Controls").WithSummary("The controls library: behaviour, guidance, service, SCP statements, where each is enabled.");

        api.MapGet("/ous/{ouId}/enabled-controls", async (string ouId, ControlService controls, CancellationToken ct) =>
                await controls.ListEnabledAsync(ouId, ct) is { } enabled ? Results.Ok(enabled) : TypedResults.Problem($"No OU has the id '{ouId}'.", statusCode: 404))
            .WithTags("Controls").WithSummary("The controls enabled on an OU, with status and drift status.");

        api.MapPost("/ous/{ouId}/enabled-controls", async (string ouId, EnableControlRequest request, HttpContext context, ControlService controls) =>
                (await controls.RequestEnableAsync(context.ApiActor(), ouId, request)).ToHttp(accepted =>
                    TypedResults.Accepted($"/api/v1/control-operations/{accepted.OperationIdentifier}", accepted)))
            .RequireAuthorization(Policies.Admin).WithTags("Controls")
            .WithSummary("Enable a control on an OU (controlIdentifier, parameters); returns the operationIdentifier.");

        api.MapDelete("/ous/{ouId}/enabled-controls/{controlIdentifier}", async (string ouId, string controlIdentifier, HttpContext context, ControlService controls,
                bool confirmFailingTests = false) =>
                (await controls.RequestDisableAsync(context.ApiActor(), ouId, controlIdentifier, confirmFailingTests)).ToHttp(accepted =>
                    TypedResults.Accepted($"/api/v1/control-operations/{accepted.OperationIdentifier}", accepted)))
            .RequireAuthorization(Policies.Admin).WithTags("Controls")
            .WithSummary("Disable a control on an OU; mandatory controls are refused with 403.");

        api.MapPost("/ous/{ouId}/enabled-controls/{controlIdentifier}/reset", async (string ouId, string controlIdentifier, HttpContext context, Organization.Drift.DriftService drift) =>
                (await drift.ResetEnabledControlAsync(context.ApiActor(), ouId, controlIdentifier)).ToHttp(operation => TypedResults.Ok(new OperationAccepted(operation))))
            .RequireAuthorization(Policies.Admin).WithTags("Controls")
            .WithSummary("Reset an enabled control (ResetEnabledControl): repairs its resource and inheritance drift; returns the finished operation's identifier.");

        api.MapPost("/ous/{ouId}/enabled-controls/preview", async (string ouId, EnableControlRequest request, ControlService controls, CancellationToken ct) =>
                (await controls.PreviewAsync(ouId, request, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Controls").WithSummary("Preview enabling a control: the accounts it reaches and the recorded actions it would have denied.");

        api.MapGet("/control-operations/{operationId}", async (string operationId, ControlService controls, CancellationToken ct) =>
                await controls.GetOperationAsync(operationId, ct) is { } operation
                    ? Results.Ok(operation)
                    : TypedResults.Problem($"No control operation has the id '{operationId}'.", statusCode: 404))
            .WithTags("Controls").WithSummary("An enable or disable operation: IN_PROGRESS, SUCCEEDED or FAILED.");

        api.MapGet("/policies", async (PolicyService policies, CancellationToken ct) => await policies.ListAsync(ct))
            .WithTags("Organization policies").WithSummary("Every SCP and RCP: AWS managed, Control Tower's and custom, with its type and targets.");

        api.MapGet("/policies/quotas", async (PolicyService policies, CancellationToken ct) => await policies.QuotasAsync(ct))
            .WithTags("Organization policies").WithSummary("SCP and RCP slots used and remaining on every target (5 of each type).");

        api.MapPost("/policies", async (PolicyInput input, HttpContext context, PolicyService policies) =>
                (await policies.CreateAsync(context.ApiActor(), input)).ToHttp(p => TypedResults.Created($"/api/v1/policies/{p.Id}", p)))
            .RequireAuthorization(Policies.Admin).WithTags("Organization policies").WithSummary("Create a custom SCP or RCP (name, description, document, type SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY).");

        api.MapPut("/policies/{policyId}", async (string policyId, PolicyInput input, HttpContext context, PolicyService policies) =>
                (await policies.UpdateAsync(context.ApiActor(), policyId, input)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Organization policies").WithSummary("Edit a custom SCP or RCP (its type is fixed).");

        api.MapDelete("/policies/{policyId}", async (string policyId, HttpContext context, PolicyService policies) =>
                (await policies.DeleteAsync(context.ApiActor(), policyId)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Admin).WithTags("Organization policies").WithSummary("Delete a custom SCP or RCP attached nowhere.");

        api.MapPost("/policies/{policyId}/attachments", async (string policyId, AttachmentRequest request, HttpContext context, PolicyService policies) =>
                (await policies.AttachAsync(context.ApiActor(), policyId, request)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Organization policies").WithSummary("Attach an SCP or RCP to the root, an OU or an account (targetId).");

        api.MapDelete("/policies/{policyId}/attachments/{targetId}", async (string policyId, string targetId, HttpContext context, PolicyService policies,
                bool confirmFailingTests = false) =>
                (await policies.DetachAsync(context.ApiActor(), policyId, targetId, confirmFailingTests)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Organization policies").WithSummary("Detach an SCP or RCP from a target (RCPFullAWSAccess stays).");

        api.MapPost("/policies/validation", (PolicyDocumentInput input) => TypedResults.Ok(new PolicyValidation(PolicyFindings.Of(input.Document ?? "",
            Engine.Policies.PolicyTypes.FromApiName(input.Type) ?? Engine.Policies.PolicyType.ServiceControlPolicy))))
            .WithTags("Organization policies").WithSummary("Validate an SCP or RCP document (type) without saving it, like IAM Access Analyzer's ValidatePolicy: errors AWS would refuse " +
                "and warnings about statements that do nothing, each with its element and statement.");

        api.MapPost("/policy-simulations", async (SimulationRequest request, PolicySimulator simulator, CancellationToken ct) =>
                (await simulator.SimulateAsync(request, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Organization policies").WithSummary("Decide a request on an account's resource by the principal's SCPs and the account's RCPs: decision, deciding policy type and statement, trace.");
    }
}
