using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring;
using MirrorTower.Portal.Features.Identity.AccessKeys;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Features.Workbench;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.ApiReference;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Identity.Account;
using MirrorTower.Portal.Features.Identity.Users;
using MirrorTower.Portal.Security;
using MudBlazor.Services;

namespace MirrorTower.Portal.Hosting;

public static class PortalServices
{
    /// <summary>Cookie for the browser, bearer token for automation: chosen per request by the Authorization header.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<MirrorTowerOptions>(builder.Configuration.GetSection(MirrorTowerOptions.Section));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        // Configuration is read when services are first resolved, not here, so that test hosts can override it.
        services.AddSingleton<AuditSeal>();
        services.AddDbContextFactory<PortalDbContext>((provider, options) =>
            options.UseSqlite(DatabaseLocation.Resolve(provider.GetRequiredService<IConfiguration>(),
                provider.GetRequiredService<IHostEnvironment>().ContentRootPath))
                .AddInterceptors(provider.GetRequiredService<AuditSeal>()));
        // Keys that protect cookies, tokens and access-key secrets live in the database, so a restart keeps users signed
        // in and every instance on one database reads the same keys; a certificate, when configured, encrypts them there.
        var keys = services.AddDataProtection().SetApplicationName("MirrorTower").PersistKeysToDbContext<PortalDbContext>();
        if (builder.Configuration["MirrorTower:DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration["MirrorTower:DataProtection:CertificatePassword"]));
        }
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

        services.AddPortalIdentity();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        // A malformed body is a 400 with problem details in every environment, never the developer page, which would
        // echo the request's headers (its bearer token) back.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        services.AddSingleton<ApiCatalog>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddHostedService<AuditDigestWorker>();
        services.AddSingleton<WriteGate>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<UserAdministration>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton(new AwsIdentifiers(Random.Shared));
        services.AddSingleton<Common.ChangeFeed>();
        services.AddSingleton<ChangePipeline>();
        services.AddSingleton<LandingZoneService>();
        services.AddSingleton<OrganizationService>();
        services.AddSingleton<DemoOrganization>();
        services.AddSingleton<ControlService>();
        services.AddSingleton<ControlOperationQueue>();
        services.AddHostedService<ControlOperationWorker>();
        services.AddSingleton<PolicyService>();
        services.AddSingleton<PolicySimulator>();
        services.AddSingleton<AccountActions>();
        services.AddSingleton<DriftService>();
        services.AddSingleton<ChangeGate>();
        services.AddSingleton<ComplianceEvaluation>();
        services.AddSingleton<ComplianceQueue>();
        services.AddSingleton<ComplianceQueries>();
        services.AddSingleton<ResourceService>();
        services.AddHostedService<ComplianceWorker>();
        services.AddSingleton<PolicyTestSuites>();
        services.AddSingleton<Ec2Changes>();
        services.AddSingleton<Features.Mirroring.Ec2.Ec2Idempotency>();
        services.AddSingleton<NetworkService>();
        services.AddSingleton<NetworkQueries>();
        services.AddSingleton<MirroringService>();
        services.AddSingleton<MirroringQueries>();
        services.AddSingleton<MirroringTransfer>();
        services.AddSingleton<PacketTester>();
        services.AddSingleton<AccessKeyService>();
        services.AddSingleton<Features.Simulation.SimulationFeed>();
        services.AddSingleton<Features.Simulation.SimulationStore>();
        services.AddSingleton<Features.Simulation.SimulationRunner>();
        services.Configure<Features.AccountFactory.AccountFactoryOptions>(builder.Configuration.GetSection("MirrorTower:AccountFactory"));
        services.AddSingleton<Features.AccountFactory.AccountFactorySignal>();
        services.AddSingleton<Features.AccountFactory.AccountFactoryFaults>();
        services.AddSingleton<Features.AccountFactory.ProvisioningSteps>();
        services.AddSingleton<Features.AccountFactory.ProvisioningService>();
        services.AddSingleton<Features.AccountFactory.CatalogService>();
        services.AddHostedService<Features.AccountFactory.AccountFactoryWorker>();
        services.AddScoped<BootstrapAdministrator>();
        return builder;
    }

    private static void AddPortalIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(ConfigureApplicationCookie));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IOptions<MirrorTowerOptions>>((options, portal) =>
        {
            options.Lockout.MaxFailedAccessAttempts = portal.Value.Identity.MaxFailedAccessAttempts;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(portal.Value.Identity.LockoutMinutes);
        });
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<MirrorTowerOptions>>((options, portal) =>
            options.BearerTokenExpiration = TimeSpan.FromMinutes(portal.Value.Identity.AccessTokenMinutes));

        Policies.Configure(services.AddAuthorizationBuilder());
        services.AddSingleton<IAuthorizationHandler, ActiveUserHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DeniedAccessAuditor>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<IdentityRedirectManager>();
    }

    private static void ConfigureApplicationCookie(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions options)
    {
        options.LoginPath = "/Account/Login";
        options.AccessDeniedPath = "/Account/AccessDenied";
        options.Cookie.Name = PortalCookies.Auth;
        // The API answers with status codes; only pages redirect to the sign-in or access-denied page.
        options.Events.OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
