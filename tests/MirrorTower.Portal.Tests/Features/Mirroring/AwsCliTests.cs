using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>
/// Debian's AWS CLI (/usr/bin/aws, installed by .ci/run) against the EC2-compatible API: the real client, its real
/// signing and its real parsing of our XML, round-tripping every action.
/// </summary>
public sealed class AwsCliTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private Task<JsonElement> AwsAsync((string Id, string Secret, string AccountId) key, params string[] arguments) =>
        new AwsCli(portal, key, MirroringApi.Region).JsonAsync(["ec2", .. arguments]);

    private Task<(int Exit, string Output, string Error)> RunAsync((string Id, string Secret, string AccountId) key, params string[] arguments) =>
        new AwsCli(portal, key, MirroringApi.Region).RunAsync(["ec2", .. arguments]);

    [Fact]
    public async Task TheAwsCliRoundTripsEveryAction()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        var source = await MirroringApi.EniOfAsync(admin, "web-3");
        var sensor = await MirroringApi.CreateEniAsync(admin, "web", "cli sensor");

        var filter = (await AwsAsync(key, "create-traffic-mirror-filter", "--description", "cli filter",
            "--tag-specifications", "ResourceType=traffic-mirror-filter,Tags=[{Key=team,Value=secops}]")).GetProperty("TrafficMirrorFilter");
        var filterId = filter.GetProperty("TrafficMirrorFilterId").GetString()!;
        var rule = (await AwsAsync(key, "create-traffic-mirror-filter-rule", "--traffic-mirror-filter-id", filterId, "--traffic-direction", "ingress",
            "--rule-number", "100", "--rule-action", "accept", "--protocol", "6", "--destination-port-range", "FromPort=22,ToPort=22",
            "--source-cidr-block", "0.0.0.0/0", "--destination-cidr-block", "10.1.0.0/16", "--description", "ssh")).GetProperty("TrafficMirrorFilterRule");
        var ruleId = rule.GetProperty("TrafficMirrorFilterRuleId").GetString()!;
        var modifiedRule = (await AwsAsync(key, "modify-traffic-mirror-filter-rule", "--traffic-mirror-filter-rule-id", ruleId, "--rule-action", "reject",
            "--remove-fields", "description")).GetProperty("TrafficMirrorFilterRule");
        var withDns = (await AwsAsync(key, "modify-traffic-mirror-filter-network-services", "--traffic-mirror-filter-id", filterId,
            "--add-network-services", "amazon-dns")).GetProperty("TrafficMirrorFilter");
        var targetId = (await AwsAsync(key, "create-traffic-mirror-target", "--network-interface-id", sensor, "--description", "cli target"))
            .GetProperty("TrafficMirrorTarget").GetProperty("TrafficMirrorTargetId").GetString()!;
        var session = (await AwsAsync(key, "create-traffic-mirror-session", "--network-interface-id", source, "--traffic-mirror-target-id", targetId,
            "--traffic-mirror-filter-id", filterId, "--session-number", "1", "--virtual-network-id", "4711", "--packet-length", "96")).GetProperty("TrafficMirrorSession");
        var sessionId = session.GetProperty("TrafficMirrorSessionId").GetString()!;
        var modifiedSession = (await AwsAsync(key, "modify-traffic-mirror-session", "--traffic-mirror-session-id", sessionId, "--session-number", "5",
            "--remove-fields", "packet-length")).GetProperty("TrafficMirrorSession");
        var sessions = (await AwsAsync(key, "describe-traffic-mirror-sessions", "--filters", $"Name=traffic-mirror-filter-id,Values={filterId}")).GetProperty("TrafficMirrorSessions");
        var targets = (await AwsAsync(key, "describe-traffic-mirror-targets", "--traffic-mirror-target-ids", targetId)).GetProperty("TrafficMirrorTargets");
        var filters = (await AwsAsync(key, "describe-traffic-mirror-filters", "--filters", "Name=description,Values=cli*")).GetProperty("TrafficMirrorFilters");
        var interfaces = (await AwsAsync(key, "describe-network-interfaces", "--filters", $"Name=network-interface-id,Values={sensor}")).GetProperty("NetworkInterfaces");

        Assert.Equal("secops", filter.GetProperty("Tags")[0].GetProperty("Value").GetString());
        Assert.Equal(22, rule.GetProperty("DestinationPortRange").GetProperty("FromPort").GetInt32());
        Assert.Equal("reject", modifiedRule.GetProperty("RuleAction").GetString());
        Assert.False(modifiedRule.TryGetProperty("Description", out _));
        Assert.Equal("amazon-dns", withDns.GetProperty("NetworkServices")[0].GetString());
        Assert.Equal(4711, session.GetProperty("VirtualNetworkId").GetInt32());
        Assert.Equal(5, modifiedSession.GetProperty("SessionNumber").GetInt32());
        Assert.False(modifiedSession.TryGetProperty("PacketLength", out _));
        Assert.Equal(sessionId, sessions[0].GetProperty("TrafficMirrorSessionId").GetString());
        Assert.Equal("network-interface", targets[0].GetProperty("Type").GetString());
        Assert.Equal(filterId, filters[0].GetProperty("TrafficMirrorFilterId").GetString());
        Assert.Equal("cli sensor", interfaces[0].GetProperty("Description").GetString());

        await AwsAsync(key, "delete-traffic-mirror-session", "--traffic-mirror-session-id", sessionId);
        await AwsAsync(key, "delete-traffic-mirror-target", "--traffic-mirror-target-id", targetId);
        await AwsAsync(key, "delete-traffic-mirror-filter-rule", "--traffic-mirror-filter-rule-id", ruleId);
        await AwsAsync(key, "delete-traffic-mirror-filter", "--traffic-mirror-filter-id", filterId);
        var after = (await AwsAsync(key, "describe-traffic-mirror-filters", "--filters", "Name=description,Values=cli*")).GetProperty("TrafficMirrorFilters");
        Assert.Equal(0, after.GetArrayLength());
    }

    [Fact]
    public async Task TheAwsCliShowsARefusalWithItsCodeAndTheRuleBroken()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        var filterId = (await AwsAsync(key, "create-traffic-mirror-filter", "--description", "refusals")).GetProperty("TrafficMirrorFilter").GetProperty("TrafficMirrorFilterId").GetString()!;

        var (exit, _, error) = await RunAsync(key, "create-traffic-mirror-filter-rule", "--traffic-mirror-filter-id", filterId, "--traffic-direction", "egress",
            "--rule-number", "10", "--rule-action", "accept", "--protocol", "1", "--destination-port-range", "FromPort=80,ToPort=80",
            "--source-cidr-block", "0.0.0.0/0", "--destination-cidr-block", "0.0.0.0/0");
        var (badExit, _, badError) = await RunAsync((key.Id, "not-the-secret", key.AccountId), "describe-traffic-mirror-filters");

        Assert.NotEqual(0, exit);
        Assert.Contains("(InvalidParameterValue)", error, StringComparison.Ordinal);
        Assert.Contains("Port ranges apply only to TCP (6) and UDP (17)", error, StringComparison.Ordinal);
        Assert.NotEqual(0, badExit);
        Assert.Contains("(SignatureDoesNotMatch)", badError, StringComparison.Ordinal);
    }

    /// <summary>
    /// IPv6 as the CLI gives it (CreateVpc --amazon-provided-ipv6-cidr-block, CreateSubnet --ipv6-cidr-block,
    /// CreateNetworkInterface --private-ip-address --ipv6-addresses), read back by describe-network-interfaces.
    /// </summary>
    [Fact]
    public async Task TheAwsCliBuildsADualStackInterfaceWithExplicitAddresses()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");

        var vpc = (await AwsAsync(key, "create-vpc", "--cidr-block", "10.77.0.0/16", "--amazon-provided-ipv6-cidr-block",
            "--tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=cli-dual}]")).GetProperty("Vpc");
        var vpcBlock = vpc.GetProperty("Ipv6CidrBlockAssociationSet")[0].GetProperty("Ipv6CidrBlock").GetString()!;
        var subnetBlock = vpcBlock.Replace("/56", "/64", StringComparison.Ordinal);
        var subnet = (await AwsAsync(key, "create-subnet", "--vpc-id", vpc.GetProperty("VpcId").GetString()!, "--cidr-block", "10.77.1.0/24",
            "--ipv6-cidr-block", subnetBlock, "--availability-zone", $"{MirroringApi.Region}a")).GetProperty("Subnet");
        var subnetId = subnet.GetProperty("SubnetId").GetString()!;
        var address6 = subnetBlock.Replace("::/64", "::beef", StringComparison.Ordinal);
        var eni = (await AwsAsync(key, "create-network-interface", "--subnet-id", subnetId, "--private-ip-address", "10.77.1.50",
            "--ipv6-addresses", $"Ipv6Address={address6}", "--description", "dual")).GetProperty("NetworkInterface");
        var described = (await AwsAsync(key, "describe-network-interfaces", "--filters", $"Name=ipv6-addresses.ipv6-address,Values={address6}"))
            .GetProperty("NetworkInterfaces");
        var (exit, _, error) = await RunAsync(key, "create-network-interface", "--subnet-id", subnetId, "--ipv6-addresses", $"Ipv6Address={address6}");
        var (reservedExit, _, reservedError) = await RunAsync(key, "create-network-interface", "--subnet-id", subnetId, "--private-ip-address", "10.77.1.1");

        Assert.EndsWith("/56", vpcBlock, StringComparison.Ordinal);
        Assert.Equal(subnetBlock, subnet.GetProperty("Ipv6CidrBlockAssociationSet")[0].GetProperty("Ipv6CidrBlock").GetString());
        Assert.Equal("10.77.1.50", eni.GetProperty("PrivateIpAddress").GetString());
        Assert.Equal(address6, eni.GetProperty("Ipv6Addresses")[0].GetProperty("Ipv6Address").GetString());
        Assert.Equal(eni.GetProperty("NetworkInterfaceId").GetString(), described[0].GetProperty("NetworkInterfaceId").GetString());
        Assert.NotEqual(0, exit);
        Assert.Contains("already in use", error, StringComparison.Ordinal);
        Assert.NotEqual(0, reservedExit);
        Assert.Contains("reserved by AWS", reservedError, StringComparison.Ordinal);
    }
}
