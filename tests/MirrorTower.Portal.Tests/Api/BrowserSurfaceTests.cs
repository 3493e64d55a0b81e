using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using MirrorTower.Portal.Features.Identity.Account;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>What a browser gets: security headers everywhere, cookie-authenticated API calls refused from other sites, local return URLs only.</summary>
public sealed partial class BrowserSurfaceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>Signs in through the real sign-in form (antiforgery token and all), so the client holds the auth cookie.</summary>
    private async Task<HttpClient> CookieClientAsync()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.Email"] = PortalFactory.AdminEmail, ["Input.Password"] = PortalFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [Fact]
    public async Task EveryStylesheetThePagesLinkIsServedWithTheComponentsScopedStyles()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/Account/Login");
        var links = StylesheetLink().Matches(page).Select(m => m.Groups[1].Value).ToList();

        var bundle = Assert.Single(links, l => ScopedBundle().IsMatch(l));
        foreach (var link in links)
        {
            var response = await client.GetAsync("/" + link.TrimStart('/'));
            Assert.True(response.IsSuccessStatusCode, $"{link} answers {(int)response.StatusCode}");
        }
        var scoped = await client.GetStringAsync("/" + bundle.TrimStart('/'));
        // The topology map and the sign-in frame carry their own styles, scoped to their components.
        Assert.Matches(@"\.topology-session1\[b-[a-z0-9]+\]", scoped);
        Assert.Matches(@"\.account-shell\[b-[a-z0-9]+\]", scoped);
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLink();

    // The bundle of the components' scoped styles, fingerprinted in its name (MirrorTower.{hash}.styles.css).
    [GeneratedRegex(@"^MirrorTower(\.[a-z0-9]+)?\.styles\.css$")]
    private static partial Regex ScopedBundle();

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/me")]
    [InlineData("/app.css")]
    [InlineData("/healthz")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task ACookieAuthenticatedChangeFromAnotherSiteIsRefusedAndFromThePortalGoesThrough()
    {
        using var client = await CookieClientAsync();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/compliance/evaluations");
        forged.Headers.Add("Origin", "http://evil.example");
        var fromElsewhere = await client.SendAsync(forged);
        using var noOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/compliance/evaluations");
        var withoutOrigin = await client.SendAsync(noOrigin);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/compliance/evaluations");
        own.Headers.Add("Origin", "http://localhost");
        var fromThePortal = await client.SendAsync(own);
        var read = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Contains("Cross-site request refused", await fromElsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, withoutOrigin.StatusCode);
        Assert.True(fromThePortal.IsSuccessStatusCode, $"{fromThePortal.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task SignOutNeedsTheFormsAntiforgeryToken()
    {
        using var client = await CookieClientAsync();

        var forged = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        var stillSignedIn = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/organization?tab=1", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("organization", false)]
    [InlineData("/\u0000x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyAPathOfThePortalIsAReturnUrl(string? uri, bool local)
    {
        Assert.Equal(local, IdentityRedirectManager.IsLocal(uri));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task SigningInWithAForeignReturnUrlLandsOnHome(string returnUrl)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var path = $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = AntiforgeryToken().Match(await client.GetStringAsync(path)).Groups[1].Value;

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.Email"] = PortalFactory.AdminEmail, ["Input.Password"] = PortalFactory.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.IsAbsoluteUri == true ? response.Headers.Location.AbsolutePath : response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AHugeSignInIsRefusedUnreadAndALongOneIsAuditedBounded()
    {
        using var client = portal.CreateClient();
        using var admin = await ApiClient.AdminAsync(portal);
        var huge = new string('a', 2 << 20) + "@tests.example";
        var longEmail = new string('b', 10_000) + "@tests.example";

        var refused = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = huge, password = "x" });
        var failed = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = longEmail, password = "x" });
        var page = await (await admin.GetAsync("/api/v1/audit-events?action=signin:ConsoleLogin&outcome=Failed&pageSize=500")).JsonAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        var events = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString()!.StartsWith("bbbb", StringComparison.Ordinal)).ToList();
        var audited = Assert.Single(events);
        Assert.True(audited.GetProperty("target").GetString()!.Length <= 512);
        Assert.EndsWith("(10,014 characters)", audited.GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.True(audited.GetProperty("actor").GetString()!.Length <= 256);
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString()!.StartsWith("aaaa", StringComparison.Ordinal));
    }
}

/// <summary>Sign-in attempts are rate-limited per client and per account, with 429 and Retry-After.</summary>
public sealed class SignInThrottleTests(ThrottledPortalFactory portal) : IClassFixture<ThrottledPortalFactory>
{
    [Fact]
    public async Task TheFourthAttemptInAMinuteIsRefusedWith429()
    {
        using var client = portal.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"guess-{i}@tests.example", password = "Wrong-Password-1" }));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(int.Parse(answers[3].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
