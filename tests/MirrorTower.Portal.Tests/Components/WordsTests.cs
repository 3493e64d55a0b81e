using MirrorTower.Portal.Components.Shared;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>The names issue #19 (finding 4) saw on pages, and how a reader expects them.</summary>
public sealed class WordsTests
{
    [Theory]
    [InlineData("IN_SYNC", "In sync")]
    [InlineData("NOT_SET_UP", "Not set up")]
    [InlineData("UNDER_CHANGE", "Under change")]
    [InlineData("PROVISION_PRODUCT", "Provision product")]
    [InlineData("IN_PROGRESS", "In progress")]
    [InlineData("ENABLE_CONTROL", "Enable control")]
    [InlineData("MoveToOu", "Move to OU")]
    [InlineData("RejectedByRule", "Rejected by rule")]
    [InlineData("SkippedForBandwidth", "Skipped for bandwidth")]
    [InlineData("AwsManaged", "AWS managed")]
    [InlineData("VpcCidr", "VPC CIDR")]
    [InlineData("SSOUserEmail", "SSO user email")]
    [InlineData("ManagedOrganizationalUnit", "Managed organizational unit")]
    [InlineData("Ipv6", "IPv6")]
    [InlineData("SUCCEEDED", "Succeeded")]
    [InlineData("NON_COMPLIANT", "Noncompliant")]
    [InlineData("NOT_APPLICABLE", "Not applicable")]
    [InlineData("Mirrored", "Mirrored")]
    [InlineData("network-load-balancer", "Network load balancer")]
    public void ANameReadsAsWords(string name, string expected) => Assert.Equal(expected, Words.Of(name));
}
