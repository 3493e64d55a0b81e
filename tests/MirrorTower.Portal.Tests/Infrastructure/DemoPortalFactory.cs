namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>The in-memory portal with the demo organization (and its hub-and-spoke network) loaded once per test class.</summary>
public sealed class DemoPortalFactory : PortalFactory, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        using var admin = await ApiClient.AdminAsync(this);
        await OrganizationApi.LoadDemoAsync(admin);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
