using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// The demo organization on a clock that stands still until the test moves it (started at the machine's time, so
/// data-protection keys and tokens are fresh).
/// </summary>
public sealed class ClockedDemoPortalFactory : PortalFactory, IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task InitializeAsync()
    {
        using var admin = await ApiClient.AdminAsync(this);
        await OrganizationApi.LoadDemoAsync(admin);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
