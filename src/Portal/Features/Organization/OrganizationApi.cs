using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Organization;

internal static class OrganizationApi
{
    public static void MapOrganizationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/landing-zone", async (LandingZoneService zones, CancellationToken ct) =>
                await zones.GetAsync(ct) is { } zone ? Results.Ok(zone) : TypedResults.Problem("The landing zone is not set up yet.", statusCode: 404))
            .WithTags("Landing zone").WithSummary("The landing zone with its status (IN_SYNC or DRIFTED) and its drift.");

        api.MapPost("/landing-zone", async (LandingZoneRequest request, HttpContext context, LandingZoneService zones) =>
                (await zones.SetupAsync(context.ApiActor(), request)).ToHttp(zone => TypedResults.Created("/api/v1/landing-zone", zone)))
            .RequireAuthorization(Policies.Admin).WithTags("Landing zone")
            .WithSummary("Set up the landing zone: governedRegions, securityOuName, sandboxOuName, logArchiveEmail, auditEmail, logRetentionDays.");

        api.MapPatch("/landing-zone", async (LandingZoneUpdate request, HttpContext context, LandingZoneService zones) =>
                (await zones.UpdateAsync(context.ApiActor(), request)).ToHttp(operation => TypedResults.Ok(new LandingZoneOperationAccepted(operation))))
            .RequireAuthorization(Policies.Admin).WithTags("Landing zone")
            .WithSummary("Update the landing zone (UpdateLandingZone): governedRegions (the home Region stays first) and logRetentionDays; answers the operation's id.");

        api.MapPost("/landing-zone/reset", async (HttpContext context, LandingZoneService zones) =>
                (await zones.ResetAsync(context.ApiActor())).ToHttp(operation => TypedResults.Ok(new LandingZoneOperationAccepted(operation))))
            .RequireAuthorization(Policies.Admin).WithTags("Landing zone")
            .WithSummary("Reset the landing zone to its manifest (ResetLandingZone): deleted foundational OUs return, every OU's Control Tower SCPs are written again.");

        api.MapGet("/landing-zone/operations", async (LandingZoneService zones, CancellationToken ct) =>
                (await zones.OperationsAsync(ct)).Select(LandingZoneOperationView.From))
            .WithTags("Landing zone").WithSummary("The landing zone's updates and resets, the most recent first.");

        api.MapPost("/demo-organization", async (HttpContext context, DemoOrganization demo, OrganizationService organization) =>
                (await demo.LoadAsync(context.ApiActor(), organization)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Landing zone")
            .WithSummary("Load the demo organization (sets up the landing zone first when needed).");

        api.MapGet("/ous", async (OrganizationService organization, CancellationToken ct) => (await organization.GetTreeAsync(ct)).Ous)
            .WithTags("Organization").WithSummary("Every OU with its parent, registration, SCP slots used and enabled controls.");

        api.MapPost("/ous", async (NewOu request, HttpContext context, OrganizationService organization) =>
                (await organization.CreateOuAsync(context.ApiActor(), request)).ToHttp(ou => TypedResults.Created($"/api/v1/ous/{ou.Id}", ou)))
            .RequireAuthorization(Policies.Admin).WithTags("Organization").WithSummary("Create an OU (name, parentId or null for the root; register false leaves it outside Control Tower, as Organizations does).");

        api.MapPut("/ous/{ouId}", async (string ouId, OuRename request, HttpContext context, OrganizationService organization) =>
                (await organization.RenameOuAsync(context.ApiActor(), ouId, request)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Organization").WithSummary("Rename an OU.");

        api.MapDelete("/ous/{ouId}", async (string ouId, HttpContext context, OrganizationService organization) =>
                (await organization.DeleteOuAsync(context.ApiActor(), ouId)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Admin).WithTags("Organization").WithSummary("Delete an empty, non-foundational OU.");

        api.MapPost("/ous/{ouId}/register", async (string ouId, HttpContext context, DriftService drift) =>
                (await drift.RepairAsync(context.ApiActor(), new RepairRequest(DriftRepair.ReRegisterOu, ouId))).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Organization")
            .WithSummary("Register or re-register an OU: its controls are re-applied and its accounts governed by it.");

        api.MapGet("/accounts", async (OrganizationService organization, CancellationToken ct) => (await organization.GetTreeAsync(ct)).Accounts)
            .WithTags("Organization").WithSummary("Every account with its OU and enrolment.");

        api.MapGet("/accounts/{accountId}", async (string accountId, OrganizationService organization, CancellationToken ct) =>
                await organization.GetAccountAsync(accountId, ct) is { } account
                    ? Results.Ok(account)
                    : TypedResults.Problem($"No account has the id '{accountId}'.", statusCode: 404))
            .WithTags("Organization").WithSummary("An account: its OU path, SCPs per level, controls in effect and where each comes from, resources.");

        api.MapPost("/accounts/{accountId}/actions", async (string accountId, AccountActionRequest request, HttpContext context, AccountActions actions) =>
                (await actions.PerformAsync(context.ApiActor(), accountId, request)).ToHttp(result =>
                    result.Performed ? TypedResults.Ok(result) : Results.Json(result, statusCode: StatusCodes.Status403Forbidden)))
            .RequireAuthorization(Policies.Admin).WithTags("Organization")
            .WithSummary("Perform an AWS call in the account, checked by its SCP chain first; 403 with the explanation when denied.");

        api.MapPost("/accounts/{accountId}/stacks", async (string accountId, Templates.StackRequest request, HttpContext context, Templates.TemplateDeployments stacks) =>
                (await stacks.DeployAsync(context.ApiActor(), accountId, request)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Organization")
            .WithSummary("Deploy a CloudFormation template (JSON or YAML) into the account: the proactive controls in effect check every resource first; " +
                "400 naming the control and the resource when one refuses, and nothing is made.");

        api.MapGet("/drift", async (DriftService drift, CancellationToken ct) => await drift.DetectAsync(ct))
            .WithTags("Drift").WithSummary("Every drift of the organization with its repair.");

        api.MapPost("/drift/out-of-band-changes", async (OutOfBandChange change, HttpContext context, DriftService drift) =>
                (await drift.ApplyOutOfBandAsync(context.ApiActor(), change)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Drift")
            .WithSummary("Change the organization as someone bypassing the portal: MoveAccount, EditControlScp, DetachControlScp, DeleteFoundationalOu.");

        api.MapPost("/drift/repairs", async (RepairRequest request, HttpContext context, DriftService drift) =>
                (await drift.RepairAsync(context.ApiActor(), request)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags("Drift")
            .WithSummary("Repair drift: UpdateAccount, ReRegisterOu, ResetControls or ResetLandingZone on a target.");
    }
}
