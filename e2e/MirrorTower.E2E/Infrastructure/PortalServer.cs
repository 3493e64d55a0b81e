using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MirrorTower.E2E.Infrastructure;

/// <summary>
/// The real portal on Kestrel (a loopback port) with its own SQLite file, and Debian's Chromium driven
/// by Playwright. One per test collection; each test opens its own browser context.
/// </summary>
public class PortalServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@e2e.example";
    public const string AdminPassword = "E2e-Admin-Password-1";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private IPlaywright? _playwright;

    public PortalServer()
        : this(Path.Combine(Path.GetTempPath(), "mirrortower-e2e", Guid.NewGuid().ToString("N")), new Dictionary<string, string>())
    {
    }

    /// <summary>A portal on a given data folder with more settings: two on one folder and database are two instances of one cluster.</summary>
    protected PortalServer(string dataDirectory, IReadOnlyDictionary<string, string> settings) => (_dataDirectory, _settings) = (dataDirectory, settings);

    /// <summary>Whether disposing deletes the data folder; not while another instance may still use it.</summary>
    protected virtual bool OwnsDataDirectory => true;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go, for people to look at what the tests saw.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("MirrorTower:DataDirectory", _dataDirectory);
        builder.UseSetting("MirrorTower:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("MirrorTower:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("MirrorTower:SeedDemo", SeedDemo ? "true" : "false");
        // Every test signs in from this one address.
        builder.UseSetting("MirrorTower:Identity:SignInsPerMinutePerClient", "10000");
        builder.UseSetting("MirrorTower:Controls:OperationDelayMilliseconds", "300");
        // Slow enough for a person (and a browser test) to watch the steps go by.
        builder.UseSetting("MirrorTower:AccountFactory:StepDelayMilliseconds", "700");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Whether the portal starts with the demo organization loaded.</summary>
    protected virtual bool SeedDemo => false;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Debian's Chromium is missing at {ChromiumPath}: install it with 'apt-get install -y chromium' " +
                "(the README's test command, .ci/run, does this when it runs as root).");
        }

        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        Directory.CreateDirectory(ArtifactsDirectory);
        // The test projects run side by side on two cores: give assertions room beyond Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>Creates a user through the API as the admin, for journeys that need another role.</summary>
    public async Task CreateUserAsync(string email, string password, string role)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsJsonAsync("/api/v1/users", new { email, password, role })).EnsureSuccessStatusCode();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1366, Height = 860 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (OwnsDataDirectory && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

/// <summary>A portal that starts with the demo organization: landing zone, OUs, accounts, controls.</summary>
public sealed class DemoPortalServer : PortalServer
{
    protected override bool SeedDemo => true;
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
