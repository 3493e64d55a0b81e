using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Features.Workbench;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Invariants;

/// <summary>
/// Roles are checked inside the services, by the change pipeline, not only by endpoint policies and pages: a service
/// called directly (as a page, a worker or a future endpoint would) refuses a role that may not make the change,
/// saves nothing and audits the refusal as Denied.
/// </summary>
public sealed class RoleChecksTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    public static TheoryData<string, string?> AdminOnlyChanges()
    {
        var data = new TheoryData<string, string?>();
        foreach (var change in new[] { "organizations:CreateOrganizationalUnit", "organizations:CreatePolicy", "servicecatalog:CreateProduct",
                     "controltower:EnableControl", "controltower:ResetLandingZone", "mirrortower:PutPolicyTestSuite" })
        {
            foreach (var role in new[] { PortalRoles.Member, PortalRoles.Auditor, null })
            {
                data.Add(change, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AdminOnlyChanges))]
    public async Task AGovernanceChangeByAnotherRoleThanAdminIsDeniedInTheService(string action, string? role)
    {
        var actor = new Actor($"user-{Guid.NewGuid():N}", $"{role ?? "nobody"}@tests.example", Actor.Ui, Role: role);
        var name = $"denied-{Guid.NewGuid():N}"[..20];
        IOperationOutcome result = action switch
        {
            "organizations:CreateOrganizationalUnit" => await Service<OrganizationService>().CreateOuAsync(actor, new NewOu(name, null)),
            "organizations:CreatePolicy" => await Service<PolicyService>().CreateAsync(actor, new PolicyInput { Name = name, Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""" }),
            "servicecatalog:CreateProduct" => await Service<CatalogService>().CreateProductAsync(actor, new ProductInput(name, "", null)),
            "controltower:EnableControl" => await Service<ControlService>().RequestEnableAsync(actor, "ou-none-00000000", new EnableControlRequest { ControlIdentifier = "AWS-GR_REGION_DENY" }),
            "controltower:ResetLandingZone" => await Service<DriftService>().RepairAsync(actor, new RepairRequest(DriftRepair.ResetLandingZone, null)),
            _ => await Service<PolicyTestSuites>().ImportAsync(actor, new SuiteDocument { Name = name }),
        };

        Assert.False(result.Succeeded);
        Assert.Contains(role switch { PortalRoles.Member => "Only Admins", PortalRoles.Auditor => "Auditors are read-only", _ => "no portal role" },
            result.Message, StringComparison.Ordinal);
        await using var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var audited = await db.AuditEvents.Where(e => e.ActorId == actor.UserId).ToListAsync();
        Assert.Equal((action, AuditOutcome.Denied), (Assert.Single(audited).Action, audited[0].Outcome));
        Assert.False(await db.OrganizationalUnits.AnyAsync(o => o.Name == name) || await db.Policies.AnyAsync(p => p.Name == name) || await db.Products.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task AnAuditorCannotLaunchAnAccountEvenWhenAPortfolioIsSharedWithIt()
    {
        var auditor = new Requester(new Actor($"user-{Guid.NewGuid():N}", "auditor@tests.example", Actor.Ui), PortalRoles.Auditor, "auditor@tests.example");

        var result = await Service<ProvisioningService>().LaunchAsync(auditor,
            new LaunchRequest(null, AccountFactory.AccountFactoryApi.Parameters($"auditor-{Guid.NewGuid():N}"[..16] + "@tests.example")));

        Assert.Equal(OperationStatus.Denied, result.Status);
        Assert.Contains("Auditors are read-only", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Member, null)]
    [InlineData(PortalRoles.Admin, null)]
    [InlineData(PortalRoles.Auditor, null)]
    [InlineData(null, "no portal role")]
    public void TheClearancesAreTheRolesOfThePortal(string? role, string? refusal)
    {
        // Access keys (AnyRole) are every role's own; a caller without a role changes nothing.
        var actor = new Actor("u", "u@tests.example", Actor.Ui, Role: role);
        Assert.Equal(refusal is null, ChangePipeline.RoleRefusal(actor, Clearance.AnyRole) is null);
        Assert.Equal(role is PortalRoles.Admin or PortalRoles.Member, ChangePipeline.RoleRefusal(actor, Clearance.Member) is null);
        Assert.Equal(role is PortalRoles.Admin, ChangePipeline.RoleRefusal(actor, Clearance.Admin) is null);
    }

    private T Service<T>() where T : notnull => portal.Services.GetRequiredService<T>();
}
