using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.ApiReference;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.Identity.Account;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Mirroring;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Features.Simulation;
using MirrorTower.Portal.Features.Workbench;
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
        services.AddOptions<MirrorTowerOptions>().BindConfiguration(MirrorTowerOptions.Section);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        // Configuration is read when services are first resolved, not here, so that test hosts can override it.
        // SQLite or PostgreSQL, by MirrorTower:Database:Provider; every feature sees a PortalDbContext either way.
        services.AddSingleton<PortalContextFactory>();
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(provider => provider.GetRequiredService<PortalContextFactory>());
        services.AddScoped(provider => provider.GetRequiredService<PortalContextFactory>().CreateDbContext());
        // Keys that protect cookies, tokens and access-key secrets live in the database, so a restart keeps users signed
        // in and every instance on one database reads the same keys; a certificate, when configured, encrypts them there.
        var keys = services.AddDataProtection().SetApplicationName("MirrorTower").PersistKeysToDbContext<PortalDbContext>();
        if (builder.Configuration["MirrorTower:DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration["MirrorTower:DataProtection:CertificatePassword"]));
        }
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
        services.AddSingleton<PortalReadiness>();

        services.AddPortalIdentity();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        // A malformed body is a 400 with problem details in every environment, never the developer page, which would
        // echo the request's headers (its bearer token) back.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        services.AddPortalFeatures();
        return builder;
    }

    /// <summary>
    /// The features' services and the shared pieces they run on: what the portal host registers and what the bUnit
    /// tests forward from a running portal, from this one list.
    /// </summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new AwsIdentifiers(Random.Shared));
        services.AddSingleton<WriteGate>();
        services.AddCluster();
        services.AddSingleton<Common.ChangeFeed>();
        services.AddSingleton<ChangePipeline>();
        services.AddAudit();
        services.AddIdentityFeature();
        services.AddTrustedProxies();
        services.AddAccessKeys();
        services.AddApiReference();
        services.AddOrganization();
        services.AddServiceControlPolicies();
        services.AddWorkbench();
        services.AddCompliance();
        services.AddControls();
        services.AddMirroring();
        services.AddScoped<Features.AwsApi.AwsAuthentication>();
        services.AddSimulation();
        services.AddAccountFactory();
        return services;
    }

    /// <summary>
    /// What lets several instances share one database (issue #20, ADR 0018): this instance's name and heartbeat, the
    /// leader's lease, and the bus between instances (PostgreSQL's LISTEN/NOTIFY; nothing on SQLite). The heartbeat is
    /// the first hosted service, so the instance has joined, and a lone one leads, before the workers start.
    /// </summary>
    private static void AddCluster(this IServiceCollection services)
    {
        services.AddValidatedOptions<Data.Cluster.ClusterOptions>(Data.Cluster.ClusterOptions.Section);
        services.AddSingleton<Data.Cluster.ClusterMember>();
        services.AddHostedService<Data.Cluster.ClusterHeartbeat>();
        services.AddSingleton<Data.Cluster.PostgreSqlBus>();
        services.AddSingleton<Data.Cluster.IClusterBus>(provider => provider.GetRequiredService<PortalContextFactory>().Provider == DatabaseProvider.PostgreSql
            ? provider.GetRequiredService<Data.Cluster.PostgreSqlBus>()
            : new Data.Cluster.LocalBus());
        services.AddHostedService(provider => provider.GetRequiredService<Data.Cluster.PostgreSqlBus>());
        services.AddHostedService<Data.Cluster.ChangeRelay>();
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

        services.AddOptions<IdentityOptions>().Configure<IOptions<PortalIdentityOptions>>((options, portal) =>
        {
            options.Lockout.MaxFailedAccessAttempts = portal.Value.MaxFailedAccessAttempts;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(portal.Value.LockoutMinutes);
        });
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<PortalIdentityOptions>>((options, portal) =>
            options.BearerTokenExpiration = TimeSpan.FromMinutes(portal.Value.AccessTokenMinutes));

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
