using MirrorTower.Engine.Mirroring;
using static MirrorTower.Engine.Mirroring.RuleAction;
using static MirrorTower.Engine.Mirroring.TrafficDirection;

namespace MirrorTower.Engine.Tests.Mirroring;

public sealed class FilterRulesTests
{
    private static readonly FilterRule Existing = new(Ingress, 100, Accept, Protocols.Tcp, "0.0.0.0/0", "10.0.0.0/16", null, new PortRange(22, 22), "tmfr-existing");

    public static TheoryData<FilterRule, string, string> Refused => new()
    {
        { new(Ingress, 0, Accept, null, "0.0.0.0/0", "0.0.0.0/0"), "RuleNumber", "between 1 and 32766" },
        { new(Ingress, 32767, Accept, null, "0.0.0.0/0", "0.0.0.0/0"), "RuleNumber", "between 1 and 32766" },
        { new(Ingress, 100, Reject, null, "0.0.0.0/0", "0.0.0.0/0"), "RuleNumber", "unique per direction" },
        { new(Ingress, 200, Accept, Protocols.Icmp, "0.0.0.0/0", "0.0.0.0/0", null, new PortRange(0, 10)), "DestinationPortRange", "only to TCP (6) and UDP (17)" },
        { new(Ingress, 200, Accept, null, "0.0.0.0/0", "0.0.0.0/0", new PortRange(1, 2)), "SourcePortRange", "only to TCP (6) and UDP (17)" },
        { new(Ingress, 200, Accept, Protocols.Tcp, "0.0.0.0/0", "0.0.0.0/0", null, new PortRange(443, 80)), "DestinationPortRange", "0 ≤ FromPort ≤ ToPort ≤ 65535" },
        { new(Ingress, 200, Accept, Protocols.Udp, "0.0.0.0/0", "0.0.0.0/0", new PortRange(0, 70000)), "SourcePortRange", "65535" },
        { new(Ingress, 200, Accept, 300, "0.0.0.0/0", "0.0.0.0/0"), "Protocol", "0 to 255" },
        { new(Ingress, 200, Accept, null, "10.0.0.0/33", "0.0.0.0/0"), "SourceCidrBlock", "not a CIDR block" },
        { new(Ingress, 200, Accept, null, "0.0.0.0/0", "::/0"), "DestinationCidrBlock", "same IP family" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesRulesThatBreakTheReferenceNamingTheField(FilterRule rule, string field, string message)
    {
        var problems = FilterRules.Validate(rule, [Existing]);

        Assert.Contains(problems, p => p.Field == field && p.Message.Contains(message));
    }

    [Fact]
    public void TheSameNumberIsFreeInTheOtherDirectionAndForTheRuleItself()
    {
        var egress = new FilterRule(Egress, 100, Accept, null, "0.0.0.0/0", "0.0.0.0/0");
        var edited = Existing with { Action = Reject };

        Assert.Empty(FilterRules.Validate(egress, [Existing]));
        Assert.Empty(FilterRules.Validate(edited, [Existing]));
    }

    [Fact]
    public void AFilterHoldsAtMostTenRulesPerDirection()
    {
        var ten = Enumerable.Range(1, 10).Select(n => new FilterRule(Ingress, n, Accept, null, "0.0.0.0/0", "0.0.0.0/0", Id: $"r{n}")).ToList();

        var problems = FilterRules.Validate(new FilterRule(Ingress, 11, Accept, null, "0.0.0.0/0", "0.0.0.0/0"), ten);

        Assert.Contains(problems, p => p.Message.Contains("at most 10 ingress rules"));
    }

    [Fact]
    public void WarnsAboutADirectionWithoutRulesAndShadowedRules()
    {
        var filter = new MirrorFilter("tmf-1",
        [
            new(Ingress, 100, Accept, Protocols.Tcp, "0.0.0.0/0", "10.0.0.0/16"),
            new(Ingress, 200, Reject, Protocols.Tcp, "203.0.113.0/24", "10.0.1.0/24", null, new PortRange(22, 22)),
            new(Ingress, 300, Accept, Protocols.Udp, "0.0.0.0/0", "10.0.0.0/16"),
        ]);

        var warnings = FilterRules.Warnings(filter);

        Assert.Contains(warnings, w => w.Message == "Ingress rule 200 can never match: rule 100 (accept) matches everything it would.");
        Assert.DoesNotContain(warnings, w => w.Message.Contains("rule 300 can never match"));
        Assert.Contains(warnings, w => w.Message.Contains("No egress rule: this filter mirrors no egress traffic."));
    }

    [Theory]
    [InlineData("tcp", Protocols.Tcp)]
    [InlineData("UDP", Protocols.Udp)]
    [InlineData("47", 47)]
    [InlineData("all", null)]
    [InlineData("", null)]
    public void ProtocolsAreChosenByNameOrNumber(string text, int? expected)
    {
        Assert.True(Protocols.TryParse(text, out var protocol));
        Assert.Equal(expected, protocol);
    }

    [Theory]
    [InlineData("tcpx")]
    [InlineData("256")]
    public void UnknownProtocolsAreRefused(string text) => Assert.False(Protocols.TryParse(text, out _));
}
