using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// The portal as its own process on a free loopback port, so that a test can kill it for real (SIGKILL). Processes on
/// one data folder share its database (the SQLite file, or on PostgreSQL the database named for the folder) and its files.
/// </summary>
public sealed class PortalProcess(string dataDirectory, string password, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private readonly int _port = FreePort();
    private Process? _process;

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.Environment["Urls"] = BaseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["MirrorTower__DataDirectory"] = dataDirectory;
        start.Environment["MirrorTower__SeedDemo"] = "true";
        start.Environment["MirrorTower__Bootstrap__AdminEmail"] = PortalFactory.AdminEmail;
        start.Environment["MirrorTower__Bootstrap__AdminPassword"] = password;
        if (TestDatabase.OnPostgreSql)
        {
            start.Environment["MirrorTower__Database__Provider"] = "PostgreSql";
            start.Environment["ConnectionStrings__MirrorTower"] = TestDatabase.PostgreSqlFor(dataDirectory);
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The portal process exited while starting.");
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The portal did not start within a minute.");
    }

    /// <summary>SIGKILL: no shutdown, no lease given back, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task<HttpClient> SignedInAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = PortalFactory.AdminEmail, password });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.JsonAsync()).GetProperty("accessToken").GetString());
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
    }
}
