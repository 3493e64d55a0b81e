using MirrorTower.Portal.Features.Identity;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Hosting;

namespace MirrorTower.Benchmarks.AccountFactory;

/// <summary>
/// `-- vending [launches]`: #5's scale check. The portal runs in this process on a real SQLite file with instant steps;
/// the launches are submitted at once; a sampler counts the records IN_PROGRESS every 10 ms. Prints the time until every
/// product is AVAILABLE, the most records seen in progress at once, and the accounts per e-mail.
/// </summary>
public static class VendingBench
{
    public static async Task RunAsync(int launches)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mirrortower-bench", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration["MirrorTower:DataDirectory"] = folder;
        builder.Configuration["MirrorTower:Bootstrap:AdminPassword"] = "Bench-Admin-Password-1";
        builder.Configuration["MirrorTower:AccountFactory:StepDelayMilliseconds"] = "0";
        builder.Configuration["MirrorTower:AccountFactory:PollMilliseconds"] = "50";
        builder.Configuration["Urls"] = "http://127.0.0.1:0";
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddPortal();
        await using var app = builder.Build();
        await DatabaseInitializer.InitializeAsync(app.Services);
        await app.Services.GetRequiredService<LandingZoneService>().SetupAsync(Actor.System, new LandingZoneRequest
        {
            GovernedRegions = ["eu-west-1"], LogArchiveEmail = "logs@bench.example", AuditEmail = "audit@bench.example", SandboxOuName = "Sandbox",
        });
        await app.StartAsync();
        var provisioning = app.Services.GetRequiredService<ProvisioningService>();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var requester = new Requester(Actor.System, "Admin", "bench@bench.example");

        var maxInProgress = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                maxInProgress = Math.Max(maxInProgress, await db.ProvisioningRecords.CountAsync(r => r.Status == RecordStatus.IN_PROGRESS));
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, launches).Select(i => provisioning.LaunchAsync(requester, new LaunchRequest(null, new Dictionary<string, string?>
        {
            ["AccountEmail"] = $"bench-{i}@bench.example", ["AccountName"] = $"bench-{i}", ["ManagedOrganizationalUnit"] = "Sandbox",
            ["SSOUserEmail"] = $"owner-{i}@bench.example", ["SSOUserFirstName"] = "Bench", ["SSOUserLastName"] = "User", ["VpcRegions"] = "",
        }))));
        var submitted = watch.Elapsed;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var pending = await db.ProvisionedProducts.CountAsync(p => p.Status != ProvisionedProductStatus.AVAILABLE);
            if (pending == 0 || watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                break;
            }
            await Task.Delay(50);
        }
        var finished = watch.Elapsed;
        await stop.CancelAsync();
        await sampler;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var available = await db.ProvisionedProducts.CountAsync(p => p.Status == ProvisionedProductStatus.AVAILABLE);
            var perEmail = await db.Accounts.Where(a => a.Email.StartsWith("bench-")).GroupBy(a => a.Email).Select(g => g.Count()).ToListAsync();
            Console.WriteLine($"{results.Count(r => r.Succeeded)} of {launches} launches accepted in {submitted.TotalSeconds:0.00} s; {available} AVAILABLE after {finished.TotalSeconds:0.00} s; " +
                $"at most {maxInProgress} records IN_PROGRESS at once; {perEmail.Count} accounts, at most {(perEmail.Count == 0 ? 0 : perEmail.Max())} per e-mail.");
        }
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
