using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Tests.Mirroring;

public sealed class SessionRulesTests
{
    private static readonly NetworkTopology Network = new(
        [
            new("eni-web1", "111111111111", "vpc-web", "m6i.large", "10.1.0.10"),
            new("eni-web2", "111111111111", "vpc-web", "m6i.large", "10.1.0.11"),
            new("eni-t2", "111111111111", "vpc-web", "t2.micro", "10.1.0.12"),
            new("eni-metal", "111111111111", "vpc-web", "m5.metal", "10.1.0.13"),
            new("eni-db", "111111111111", "vpc-db", "r5.xlarge", "10.3.0.10"),
            new("eni-island", "111111111111", "vpc-island", "c5.large", "10.9.0.10"),
            new("eni-sensor", "222222222222", "vpc-security", "c5n.xlarge", "10.0.0.10"),
        ],
        [
            new("tmt-sensor", TargetType.NetworkInterface, "vpc-security", "222222222222", "eni-sensor"),
            new("tmt-nlb", TargetType.NetworkLoadBalancer, "vpc-security", "222222222222"),
        ],
        [("vpc-web", "vpc-security")],
        [("tgw-1", "vpc-db"), ("tgw-1", "vpc-security")]);

    private static MirrorSession Session(string eni, int number = 1, string target = "tmt-nlb", int vni = 42, int? length = null) =>
        new($"tms-{eni}-{number}", eni, target, "tmf-1", number, vni, length);

    public static TheoryData<MirrorSession, string, string> Refused => new()
    {
        { Session("eni-web1", number: 0), "SessionNumber", "between 1 and 32766" },
        { Session("eni-web1", number: 32767), "SessionNumber", "between 1 and 32766" },
        { Session("eni-web1", number: 1) with { Id = "tms-new" }, "SessionNumber", "unique per source ENI" },
        { Session("eni-web1", vni: 16_777_216), "VirtualNetworkId", "0 to 16777215" },
        { Session("eni-web1", vni: -1), "VirtualNetworkId", "24-bit" },
        { Session("eni-web1", length: 0), "PacketLength", "1 to 8947" },
        { Session("eni-web1", length: 9000), "PacketLength", "1 to 8947" },
        { Session("eni-t2"), "NetworkInterfaceId", "T2 instances are never mirroring sources" },
        { Session("eni-metal"), "NetworkInterfaceId", "Bare-metal" },
        { Session("eni-sensor"), "NetworkInterfaceId", "never both a source and a target" },
        { Session("eni-island"), "TrafficMirrorTargetId", "cannot be reached" },
        { Session("eni-nope"), "NetworkInterfaceId", "No network interface" },
        { Session("eni-web1", target: "tmt-nope"), "TrafficMirrorTargetId", "No traffic mirror target" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesWhatTheReferenceForbidsNamingTheField(MirrorSession session, string field, string message)
    {
        var problems = SessionRules.Validate(session, Network, [Session("eni-web1", number: 1)]);

        Assert.Contains(problems, p => p.Field == field && p.Message.Contains(message));
    }

    [Theory]
    [InlineData("eni-web1", "a VPC peering")]
    [InlineData("eni-db", "transit gateway tgw-1")]
    [InlineData("eni-sensor", "the same VPC")]
    public void ReachesTargetsInTheSameVpcPeeredOrOnTheSameTransitGateway(string eni, string path) =>
        Assert.Equal(path, Network.Path(Network.Eni(eni)!.VpcId, "vpc-security"));

    [Fact]
    public void AcceptsAValidSession() =>
        Assert.Empty(SessionRules.Validate(Session("eni-db", length: 128), Network, [Session("eni-web1")]));

    [Fact]
    public void AFourthSessionOnOneEniIsRefused()
    {
        var three = Enumerable.Range(1, 3).Select(n => Session("eni-web1", number: n)).ToList();

        var problems = SessionRules.Validate(Session("eni-web1", number: 4), Network, three);

        Assert.Contains(problems, p => p.Message.Contains("already has 3 sessions: at most 3 per source ENI"));
    }

    [Fact]
    public void AnEniTargetTakesAtMostTenSources()
    {
        var enis = Enumerable.Range(0, 11).Select(i => new EniInfo($"eni-s{i}", "1", "vpc-security", "m6i.large", $"10.0.1.{i}")).ToList();
        var network = new NetworkTopology(enis, [new("tmt-sensor", TargetType.NetworkInterface, "vpc-security", "1", "eni-sensor")], [], []);
        var ten = enis.Take(10).Select(e => new MirrorSession($"tms-{e.EniId}", e.EniId, "tmt-sensor", "tmf-1", 1, 1)).ToList();

        var problems = SessionRules.Validate(new MirrorSession("tms-11", "eni-s10", "tmt-sensor", "tmf-1", 1, 1), network, ten);

        Assert.Contains(problems, p => p.Message.Contains("would have 11 sources: at most 10"));
    }

    [Theory]
    [InlineData("m6i.large", true)]
    [InlineData("c4.xlarge", true)]
    [InlineData("t3.micro", true)]
    [InlineData("t2.large", false)]
    [InlineData("m5.metal", false)]
    [InlineData("m3.medium", false)]
    [InlineData("banana", false)]
    public void InstanceEligibilityFollowsTheReference(string type, bool eligible) =>
        Assert.Equal(eligible, InstanceEligibility.Check(type).Eligible);
}
