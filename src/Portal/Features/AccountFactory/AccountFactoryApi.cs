using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using System.Security.Claims;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.AccountFactory;

internal static class AccountFactoryApi
{
    public static void MapAccountFactoryApi(this RouteGroupBuilder api)
    {
        var tags = new[] { "Account Factory" };
        api.MapGet("/products", async (HttpContext context, ProvisioningService service) => await service.LaunchableAsync(context.Requester()))
            .WithTags(tags).WithSummary("The products you may launch, through which portfolio, with their parameters and constraints.");
        api.MapPost("/provisioned-products", async (LaunchRequest request, HttpContext context, ProvisioningService service) =>
                (await service.LaunchAsync(context.Requester(), request)).ToHttp(p => TypedResults.Created($"/api/v1/records/{p.LastRecord!.RecordId}", p)))
            .RequireAuthorization(Policies.Builder).WithTags(tags)
            .WithSummary("Launch Account Factory (parameters AccountEmail, AccountName, ManagedOrganizationalUnit, SSOUserEmail, SSOUserFirstName, SSOUserLastName and the network settings); returns the product with its record.");
        api.MapGet("/provisioned-products", async (HttpContext context, ProvisioningService service, CancellationToken ct) => await service.ListAsync(context.Requester(), ct))
            .WithTags(tags).WithSummary("Your provisioned products (every one for Admins and Auditors) with their last record.");
        api.MapGet("/provisioned-products/{id}", async (string id, HttpContext context, ProvisioningService service) =>
                await service.FindAsync(id) is { } product && CanSee(context, product.OwnerUserId) ? Results.Ok(await service.ViewAsync(id))
                    : TypedResults.Problem($"You have no provisioned product '{id}'.", statusCode: 404))
            .WithTags(tags).WithSummary("A provisioned product and its last record.");
        api.MapPost("/provisioned-products/{id}/update", async (string id, UpdateRequest request, HttpContext context, ProvisioningService service) =>
                (await service.UpdateAsync(context.Requester(), id, request)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Builder).WithTags(tags).WithSummary("Update: a new ManagedOrganizationalUnit moves the account and swaps its controls.");
        api.MapPost("/provisioned-products/{id}/terminate", async (string id, HttpContext context, ProvisioningService service) =>
                (await service.TerminateAsync(context.Requester(), id)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Builder).WithTags(tags).WithSummary("Terminate: the account leaves governance and its OU; it is not closed.");
        api.MapPost("/accounts/{accountId}/enroll", async (string accountId, EnrollRequest request, HttpContext context, ProvisioningService service) =>
                (await service.EnrollAsync(context.Requester(), request with { AccountId = accountId })).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags(tags).WithSummary("Enroll an existing account (it needs the AWSControlTowerExecution role) into a registered OU.");
        api.MapGet("/records/{id}", async (string id, HttpContext context, ProvisioningService service, CancellationToken ct) =>
                await service.OwnerOfRecordAsync(id) is { } owner && CanSee(context, owner) && await service.RecordAsync(id, ct) is { } record ? Results.Ok(record)
                    : TypedResults.Problem($"You have no record '{id}'.", statusCode: 404))
            .WithTags(tags).WithSummary("A record: type, status, approval, each step with its times and message, its place in the queue.");
        api.MapGet("/records", async (ProvisioningService service, CancellationToken ct) => await service.PendingAsync(ct))
            .RequireAuthorization(Policies.Admin).WithTags(tags).WithSummary("Launches waiting for an admin's approval.");
        api.MapPost("/records/{id}/approval", async (string id, ApprovalDecision decision, HttpContext context, ProvisioningService service) =>
                (await service.DecideAsync(context.Requester(), id, decision)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithTags(tags).WithSummary("Approve or reject (with a reason the requester sees) a launch waiting for approval.");

        var catalog = api.MapGroup("/catalog").WithTags("Catalog");
        catalog.MapGet("/", async (CatalogService service, CancellationToken ct) => await service.GetAsync(ct))
            .RequireAuthorization(Policies.AdminOrAuditor).WithSummary("Portfolios, products, versions and constraints.");
        catalog.MapPost("/portfolios", async (PortfolioInput input, HttpContext context, CatalogService service) =>
                (await service.SavePortfolioAsync(context.ApiActor(), null, input)).ToHttp(p => TypedResults.Created($"/api/v1/catalog#{p.Id}", PortfolioDetail.From(p))))
            .RequireAuthorization(Policies.Admin).WithSummary("Create a portfolio (name, description, requiresApproval, principals: roles or e-mails, productIds).");
        catalog.MapPut("/portfolios/{id}", async (string id, PortfolioInput input, HttpContext context, CatalogService service) =>
                (await service.SavePortfolioAsync(context.ApiActor(), id, input)).ToHttp(p => TypedResults.Ok(PortfolioDetail.From(p))))
            .RequireAuthorization(Policies.Admin).WithSummary("Change a portfolio: access, approval, products.");
        catalog.MapPost("/portfolios/{id}/constraints", async (string id, ConstraintInput input, HttpContext context, CatalogService service) =>
                (await service.AddConstraintAsync(context.ApiActor(), id, input)).ToHttp(c => TypedResults.Created($"/api/v1/catalog#{c.Id}", ConstraintDetail.From(c))))
            .RequireAuthorization(Policies.Admin).WithSummary("Add a LAUNCH (roleArn) or TEMPLATE (parameter with allowedValues or requiredSuffix) constraint.");
        catalog.MapDelete("/constraints/{id}", async (string id, HttpContext context, CatalogService service) =>
                (await service.DeleteConstraintAsync(context.ApiActor(), id)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Admin).WithSummary("Remove a constraint.");
        catalog.MapPost("/products", async (ProductInput input, HttpContext context, CatalogService service) =>
                (await service.CreateProductAsync(context.ApiActor(), input)).ToHttp(p => TypedResults.Created($"/api/v1/catalog#{p.Id}", ProductDetail.From(p))))
            .RequireAuthorization(Policies.Admin).WithSummary("Create an account-vending product (its first version has the Account Factory's parameters).");
        catalog.MapPost("/products/{id}/artifacts", async (string id, ArtifactInput input, HttpContext context, CatalogService service) =>
                (await service.CreateArtifactAsync(context.ApiActor(), id, input)).ToHttp(a => TypedResults.Created($"/api/v1/catalog#{a.Id}", ProvisioningArtifactDetail.From(a))))
            .RequireAuthorization(Policies.Admin).WithSummary("Add a version (name, description, makeDefault, parameters).");
    }

    public static Requester Requester(this HttpContext context) => new(context.ApiActor(),
        context.User.FindFirstValue(ClaimTypes.Role) ?? "", context.User.FindFirstValue(ClaimTypes.Email) ?? "");

    private static bool CanSee(HttpContext context, string ownerUserId) =>
        context.User.IsInRole(PortalRoles.Admin) || context.User.IsInRole(PortalRoles.Auditor) || context.User.FindFirstValue(ClaimTypes.NameIdentifier) == ownerUserId;
}
