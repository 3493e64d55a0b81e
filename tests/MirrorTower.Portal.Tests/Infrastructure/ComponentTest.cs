using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Hosting;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Identity.Users;
using MirrorTower.Portal.Security;
using MudBlazor;
using MudBlazor.Services;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// bUnit context whose feature services are the real portal's, on the real SQLite file of a
/// <see cref="PortalFactory"/>; only authentication is bUnit's, so that a test picks the role.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime, IClassFixture<PortalFactory>
{
    protected ComponentTest(PortalFactory factory)
    {
        Factory = factory;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        // The real portal's feature services, over its SQLite file: the same list the host registers, each type
        // forwarded to the running portal's instance so that the pages and the test share one gate and one feed.
        foreach (var type in new ServiceCollection().AddPortalFeatures()
                     .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.IsKeyedService && d.ServiceType.Assembly != typeof(Microsoft.Extensions.Hosting.IHostedService).Assembly)
                     .Where(d => d.ServiceType.Namespace?.StartsWith("MirrorTower.", StringComparison.Ordinal) == true)
                     .Select(d => d.ServiceType).Distinct())
        {
            Services.AddSingleton(type, factory.Services.GetRequiredService(type));
        }
        // Circuit-scoped UI services: one per test, as one per browser tab.
        Services.AddScoped<ControlOperationToasts>();
        Auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected PortalFactory Factory { get; }

    protected BunitAuthorizationContext Auth { get; }

    protected void SignInAs(string role, string? userId = null)
    {
        var email = role == PortalRoles.Admin ? PortalFactory.AdminEmail : $"{role.ToLowerInvariant()}@tests.example";
        Auth.SetAuthorized(email);
        Auth.SetRoles(role);
        Auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Email, email),
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId ?? email));
        var policies = new List<string> { Policies.SignedIn };
        if (role == PortalRoles.Admin)
        {
            policies.Add(Policies.Admin);
        }
        if (role is PortalRoles.Admin or PortalRoles.Auditor)
        {
            policies.Add(Policies.AdminOrAuditor);
        }
        if (role is PortalRoles.Admin or PortalRoles.Member)
        {
            policies.Add(Policies.Builder);
        }
        Auth.SetPolicies([.. policies]);
    }

    /// <summary>The toasts shown so far, once <see cref="RenderProviders"/> has run.</summary>
    protected IRenderedComponent<MudSnackbarProvider> Toasts { get; private set; } = default!;

    /// <summary>Renders the component under MudBlazor's providers, as the layout does.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders()
    {
        Render<MudDialogProvider>();
        Toasts = Render<MudSnackbarProvider>();
        return Render<MudPopoverProvider>();
    }

    /// <summary>Loads the demo organization with its hub-and-spoke network, once per database.</summary>
    protected async Task LoadDemoAsync()
    {
        var demo = Factory.Services.GetRequiredService<DemoOrganization>();
        await demo.LoadAsync(Actor.System, Factory.Services.GetRequiredService<OrganizationService>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
