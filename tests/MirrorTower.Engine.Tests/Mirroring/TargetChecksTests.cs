using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Tests.Mirroring;

public sealed class TargetChecksTests
{
    private static readonly Listener Vxlan = new("UDP", 4789);
    private static readonly Appliance Up = new("i-up", true);
    private static readonly Appliance Down = new("i-down", false);

    public static TheoryData<string, TargetFacts, string?> Cases => new()
    {
        { "ENI target: nothing to check", new(TargetType.NetworkInterface, [], []), null },
        { "NLB with UDP 4789 and a healthy fleet", new(TargetType.NetworkLoadBalancer, [Vxlan], [Up, Up]), null },
        { "NLB with TCP_UDP 4789 counts", new(TargetType.NetworkLoadBalancer, [new("TCP_UDP", 4789)], [Up]), null },
        { "NLB without a 4789 listener", new(TargetType.NetworkLoadBalancer, [new("TCP", 80)], [Up]), "no UDP listener on port 4789" },
        { "NLB with TCP 4789 only", new(TargetType.NetworkLoadBalancer, [new("TCP", 4789)], [Up]), "no UDP listener on port 4789" },
        { "empty fleet", new(TargetType.NetworkLoadBalancer, [Vxlan], []), "No appliance is registered" },
        { "every appliance unhealthy", new(TargetType.NetworkLoadBalancer, [Vxlan], [Down, Down]), "None of the 2 appliances is healthy" },
        { "one appliance unhealthy", new(TargetType.NetworkLoadBalancer, [Vxlan], [Up, Down]), "Unhealthy appliances (i-down)" },
        { "GWLB endpoint needs no 4789 listener", new(TargetType.GatewayLoadBalancerEndpoint, [], [Up]), null },
        { "GWLB endpoint with an empty fleet", new(TargetType.GatewayLoadBalancerEndpoint, [], []), "No appliance is registered" },
        { "deleted target", new(TargetType.NetworkLoadBalancer, [Vxlan], [Up], Exists: false), "no longer exists" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FlagsSilentMisconfigurations(string because, TargetFacts target, string? expected)
    {
        var warnings = TargetChecks.Warnings(target);

        if (expected is null)
        {
            Assert.True(warnings.Count == 0, $"{because}: {string.Join("; ", warnings.Select(w => w.Message))}");
        }
        else
        {
            Assert.Contains(warnings, w => w.Message.Contains(expected, StringComparison.Ordinal));
        }
    }

    public static TheoryData<string, TargetFacts, bool> Delivery => new()
    {
        { "ENI target", new(TargetType.NetworkInterface, [], []), true },
        { "NLB with UDP 4789 and a healthy appliance", new(TargetType.NetworkLoadBalancer, [Vxlan], [Down, Up]), true },
        { "NLB without a 4789 listener", new(TargetType.NetworkLoadBalancer, [new("TCP", 80)], [Up]), false },
        { "NLB with no healthy appliance", new(TargetType.NetworkLoadBalancer, [Vxlan], [Down]), false },
        { "GWLB endpoint with a healthy appliance", new(TargetType.GatewayLoadBalancerEndpoint, [], [Up]), true },
        { "GWLB endpoint with an empty fleet", new(TargetType.GatewayLoadBalancerEndpoint, [], []), false },
        { "deleted ENI target", new(TargetType.NetworkInterface, [], [], Exists: false), false },
    };

    [Theory]
    [MemberData(nameof(Delivery))]
    public void CopiesReachSomeoneOnlyWhenTheTargetCanTakeThem(string because, TargetFacts target, bool delivers)
    {
        Assert.True(delivers == TargetChecks.DeliversVxlan(target), because);
    }

    [Theory]
    [InlineData("m6i.large", 750_000_000L)]
    [InlineData("m6i.4xlarge", 5_000_000_000L)]
    [InlineData("c5n.large", 3_000_000_000L)]
    [InlineData("m5dn.xlarge", 5_000_000_000L)]
    [InlineData("m5d.xlarge", 1_250_000_000L)]
    [InlineData("t3.micro", 64_000_000L)]
    [InlineData("m6i.huge", null)]
    [InlineData("nonsense", null)]
    public void BandwidthFollowsSizeAndNetworkOptimisedFamilies(string type, long? expected)
    {
        Assert.Equal(expected, InstanceBandwidth.BitsPerSecond(type));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10.95)]
    [InlineData(12, 131.40)]
    public void CostIsPerEniHourWithAnActiveSession(int enis, decimal expectedMonthlyUsd)
    {
        Assert.Equal(expectedMonthlyUsd, MirroringCost.MonthlyUsd(enis));
    }
}
