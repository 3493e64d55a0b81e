using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Hosting;

/// <summary>A wrong setting stops the portal at start, naming the key and the rule, rather than at the first request that reads it.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<string, string, string> WrongSettings() => new()
    {
        { "MirrorTower:Simulation:MaxConcurrentRuns", "0", "MaxConcurrentRuns" },
        { "MirrorTower:Controls:PreviewDays", "-1", "PreviewDays" },
        { "MirrorTower:Compliance:PeriodicMinutes", "0", "PeriodicMinutes" },
        { "MirrorTower:AccountFactory:MaxConcurrentOperations", "0", "MaxConcurrentOperations" },
        { "MirrorTower:Identity:LockoutMinutes", "0", "LockoutMinutes" },
        { "MirrorTower:Bootstrap:AdminEmail", "not-an-address", "AdminEmail" },
        { "MirrorTower:Mirroring:SessionsPerSourceEni", "0", "MirrorTower:Mirroring" },
        { "MirrorTower:Cluster:LeaseSeconds", "1", "LeaseSeconds" },
        { "MirrorTower:Proxy:TrustedProxies:0", "10.0.0.0/99", "TrustedProxies" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void TheHostRefusesToStart(string key, string value, string named)
    {
        using var factory = new WrongSettingFactory(key, value);
        var refusal = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsStart()
    {
        using var factory = new PortalFactory();
        Assert.NotNull(factory.CreateClient());
    }

    private sealed class WrongSettingFactory(string key, string value) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }
}
