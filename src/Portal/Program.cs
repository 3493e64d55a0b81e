using MirrorTower.Portal.Features.AwsApi;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Components;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Identity.Account;
using MirrorTower.Portal.Hosting;
using MirrorTower.Portal.Security;

var builder = WebApplication.CreateBuilder(args);
// Serve _content/MudBlazor and the other static web assets under `dotnet run` in every environment,
// not only Development; a published build ignores this.
builder.WebHost.UseStaticWebAssets();
builder.AddPortal();

var app = builder.Build();

app.UseTrustedProxies();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
// The API answers errors with problem details; pages show the not-found page.
app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiPaths.Prefix),
    api => api.UseStatusCodePages());
app.UseWhen(context => !context.Request.Path.StartsWithSegments(ApiPaths.Prefix),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
// Routing after the status code pages: a re-executed request (a wrong address re-run as /not-found) is routed again.
// With the implicit routing WebApplication adds first, it kept the first match (none) and answered an empty 404.
app.UseRouting();
app.UseRequestBodyLimits();
app.UseAuthentication();
app.UseCrossSiteRequestChecks();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapPortalApi();
app.MapAwsApi();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await DatabaseInitializer.InitializeAsync(app.Services);
await app.RunAsync();

/// <summary>Entry point; public so that the test hosts can start the real portal.</summary>
public partial class Program;
