using System.Net;
using System.Net.Http.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>The EC2-compatible API at /aws driven by the AWS SDK for .NET over real HTTP, signed with SigV4.</summary>
public sealed class Ec2ApiSdkTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private AmazonEC2Client Client(string id, string secret) => new(new BasicAWSCredentials(id, secret),
        new AmazonEC2Config { ServiceURL = portal.Ec2Endpoint, AuthenticationRegion = MirroringApi.Region, MaxErrorRetry = 0 });

    private async Task<(AmazonEC2Client Ec2, string AccountId)> WebProdAsync()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        return (Client(key.Id, key.Secret), key.AccountId);
    }

    [Fact]
    public async Task RoundTripsEveryTrafficMirroringAction()
    {
        var (ec2, accountId) = await WebProdAsync();
        using var admin = await ApiClient.AdminAsync(portal);
        var source = await MirroringApi.EniOfAsync(admin, "web-3");
        var sensor = await MirroringApi.CreateEniAsync(admin, "web");

        var filter = (await ec2.CreateTrafficMirrorFilterAsync(new()
        {
            Description = "sdk filter",
            TagSpecifications = [new() { ResourceType = ResourceType.TrafficMirrorFilter, Tags = [new("team", "secops")] }],
        })).TrafficMirrorFilter;
        var rule = (await ec2.CreateTrafficMirrorFilterRuleAsync(new()
        {
            TrafficMirrorFilterId = filter.TrafficMirrorFilterId, TrafficDirection = TrafficDirection.Ingress, RuleNumber = 100, RuleAction = TrafficMirrorRuleAction.Accept,
            Protocol = 6, DestinationPortRange = new() { FromPort = 22, ToPort = 22 }, SourceCidrBlock = "0.0.0.0/0", DestinationCidrBlock = "10.1.0.0/16", Description = "ssh",
        })).TrafficMirrorFilterRule;
        var modified = (await ec2.ModifyTrafficMirrorFilterRuleAsync(new()
        {
            TrafficMirrorFilterRuleId = rule.TrafficMirrorFilterRuleId, RuleNumber = 110, RemoveFields = [TrafficMirrorFilterRuleField.DestinationPortRange, TrafficMirrorFilterRuleField.Description],
        })).TrafficMirrorFilterRule;
        var withDns = (await ec2.ModifyTrafficMirrorFilterNetworkServicesAsync(new()
        {
            TrafficMirrorFilterId = filter.TrafficMirrorFilterId, AddNetworkServices = [TrafficMirrorNetworkService.AmazonDns],
        })).TrafficMirrorFilter;
        var target = (await ec2.CreateTrafficMirrorTargetAsync(new() { NetworkInterfaceId = sensor, Description = "sensor" })).TrafficMirrorTarget;
        var session = (await ec2.CreateTrafficMirrorSessionAsync(new()
        {
            NetworkInterfaceId = source, TrafficMirrorTargetId = target.TrafficMirrorTargetId, TrafficMirrorFilterId = filter.TrafficMirrorFilterId,
            SessionNumber = 1, PacketLength = 128, Description = "sdk session",
        })).TrafficMirrorSession;
        var changed = (await ec2.ModifyTrafficMirrorSessionAsync(new()
        {
            TrafficMirrorSessionId = session.TrafficMirrorSessionId, SessionNumber = 2, RemoveFields = [TrafficMirrorSessionField.PacketLength],
        })).TrafficMirrorSession;
        var described = (await ec2.DescribeTrafficMirrorSessionsAsync(new() { Filters = [new("network-interface-id", [source])] })).TrafficMirrorSessions;
        var filters = (await ec2.DescribeTrafficMirrorFiltersAsync(new() { TrafficMirrorFilterIds = [filter.TrafficMirrorFilterId] })).TrafficMirrorFilters;
        var targets = (await ec2.DescribeTrafficMirrorTargetsAsync(new() { Filters = [new("network-interface-id", [sensor])] })).TrafficMirrorTargets;
        var interfaces = (await ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NetworkInterfaceIds = [source] })).NetworkInterfaces;

        Assert.Equal("secops", Assert.Single(filter.Tags).Value);
        Assert.Equal(22, rule.DestinationPortRange.FromPort);
        Assert.Equal(110, modified.RuleNumber);
        Assert.Null(modified.DestinationPortRange);
        Assert.Equal(["amazon-dns"], withDns.NetworkServices);
        Assert.Equal(TrafficMirrorTargetType.NetworkInterface, target.Type);
        Assert.Equal(accountId, target.OwnerId);
        Assert.InRange(session.VirtualNetworkId!.Value, 1, 16_777_215);
        Assert.Equal(128, session.PacketLength);
        Assert.Equal(2, changed.SessionNumber);
        Assert.Null(changed.PacketLength);
        Assert.Equal(session.TrafficMirrorSessionId, Assert.Single(described).TrafficMirrorSessionId);
        Assert.Equal(110, Assert.Single(Assert.Single(filters).IngressFilterRules).RuleNumber);
        Assert.Equal(target.TrafficMirrorTargetId, Assert.Single(targets).TrafficMirrorTargetId);
        Assert.Equal("10.1.1.12", Assert.Single(interfaces).PrivateIpAddress);

        Assert.Equal(session.TrafficMirrorSessionId, (await ec2.DeleteTrafficMirrorSessionAsync(new() { TrafficMirrorSessionId = session.TrafficMirrorSessionId })).TrafficMirrorSessionId);
        Assert.Equal(target.TrafficMirrorTargetId, (await ec2.DeleteTrafficMirrorTargetAsync(new() { TrafficMirrorTargetId = target.TrafficMirrorTargetId })).TrafficMirrorTargetId);
        Assert.Equal(rule.TrafficMirrorFilterRuleId, (await ec2.DeleteTrafficMirrorFilterRuleAsync(new() { TrafficMirrorFilterRuleId = rule.TrafficMirrorFilterRuleId })).TrafficMirrorFilterRuleId);
        Assert.Equal(filter.TrafficMirrorFilterId, (await ec2.DeleteTrafficMirrorFilterAsync(new() { TrafficMirrorFilterId = filter.TrafficMirrorFilterId })).TrafficMirrorFilterId);
        var gone = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeTrafficMirrorFiltersAsync(new() { TrafficMirrorFilterIds = [filter.TrafficMirrorFilterId] }));
        Assert.Equal("InvalidTrafficMirrorFilterNotFound", gone.ErrorCode);
    }

    [Fact]
    public async Task DescribePagesWithMaxResultsAndNextToken()
    {
        var (ec2, _) = await WebProdAsync();
        for (var i = 0; i < 7; i++)
        {
            await ec2.CreateTrafficMirrorFilterAsync(new() { Description = $"paged-{i}" });
        }

        var first = await ec2.DescribeTrafficMirrorFiltersAsync(new() { MaxResults = 5, Filters = [new("description", ["paged-*"])] });
        var second = await ec2.DescribeTrafficMirrorFiltersAsync(new() { MaxResults = 5, NextToken = first.NextToken, Filters = [new("description", ["paged-*"])] });

        Assert.Equal(5, first.TrafficMirrorFilters.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal(2, second.TrafficMirrorFilters.Count);
        Assert.Null(second.NextToken);
        Assert.Equal(7, first.TrafficMirrorFilters.Concat(second.TrafficMirrorFilters).Select(f => f.TrafficMirrorFilterId).Distinct().Count());
    }

    [Fact]
    public async Task AFourthSessionOnOneEniIsRefusedWithTheRule()
    {
        var (ec2, _) = await WebProdAsync();
        using var admin = await ApiClient.AdminAsync(portal);
        var source = await MirroringApi.EniOfAsync(admin, "web-1");
        var nlbTarget = (await ec2.DescribeTrafficMirrorTargetsAsync(new())).TrafficMirrorTargets.First(t => t.Type == TrafficMirrorTargetType.NetworkLoadBalancer);
        var filter = (await ec2.CreateTrafficMirrorFilterAsync(new() { Description = "quota" })).TrafficMirrorFilter;
        foreach (var number in new[] { 2, 3 })
        {
            await ec2.CreateTrafficMirrorSessionAsync(new() { NetworkInterfaceId = source, TrafficMirrorTargetId = nlbTarget.TrafficMirrorTargetId, TrafficMirrorFilterId = filter.TrafficMirrorFilterId, SessionNumber = number });
        }

        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.CreateTrafficMirrorSessionAsync(new()
        {
            NetworkInterfaceId = source, TrafficMirrorTargetId = nlbTarget.TrafficMirrorTargetId, TrafficMirrorFilterId = filter.TrafficMirrorFilterId, SessionNumber = 4,
        }));

        Assert.Equal("InvalidParameterValue", refused.ErrorCode);
        Assert.Contains("at most 3 per source ENI", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadSignatureAnUnknownKeyAndARevokedKeyAreRefused()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");

        var badSignature = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Client(key.Id, key.Secret + "x").DescribeTrafficMirrorFiltersAsync(new()));
        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Client("AKIAAAAAAAAAAAAAAAAA", key.Secret).DescribeTrafficMirrorFiltersAsync(new()));
        (await admin.DeleteAsync($"/api/v1/access-keys/{key.Id}")).EnsureSuccessStatusCode();
        var revoked = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Client(key.Id, key.Secret).DescribeTrafficMirrorFiltersAsync(new()));
        using var unsigned = new HttpClient();
        var anonymous = await unsigned.PostAsync(portal.Ec2Endpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "DescribeTrafficMirrorFilters" }));

        Assert.Equal("SignatureDoesNotMatch", badSignature.ErrorCode);
        Assert.Equal("AuthFailure", unknown.ErrorCode);
        Assert.Equal("AuthFailure", revoked.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("<Code>AuthFailure</Code>", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnScpDenyingTheActionRefusesItAsUnauthorizedAndTheAuditNamesTheKeysUser()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "payments-prod");
        var policy = await admin.PostAsJsonAsync("/api/v1/policies", new
        {
            name = "DenyMirrorTargets",
            description = "no mirror targets in payments-prod",
            document = """{"Version":"2012-10-17","Statement":[{"Sid":"NoTargets","Effect":"Deny","Action":"ec2:CreateTrafficMirrorTarget","Resource":"*"}]}""",
        });
        policy.EnsureSuccessStatusCode();
        var policyId = (await policy.JsonAsync()).GetProperty("id").GetString();
        (await admin.PostAsJsonAsync($"/api/v1/policies/{policyId}/attachments", new { targetId = key.AccountId })).EnsureSuccessStatusCode();
        var eni = await MirroringApi.EniOfAsync(admin, "app-2");

        var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Client(key.Id, key.Secret).CreateTrafficMirrorTargetAsync(new() { NetworkInterfaceId = eni }));
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=ec2:CreateTrafficMirrorTarget&outcome=Denied")).JsonAsync();

        Assert.Equal("UnauthorizedOperation", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("NoTargets", denied.Message, StringComparison.Ordinal);
        var entry = audit.GetProperty("items").EnumerateArray().First();
        Assert.Equal(PortalFactory.AdminEmail, entry.GetProperty("actor").GetString());
        Assert.Equal($"arn:aws:iam::{key.AccountId}:user/{PortalFactory.AdminEmail}", entry.GetProperty("principalArn").GetString());
    }

    [Fact]
    public async Task ARegionDenyControlRefusesDescribesOutsideTheGovernedRegionsAsItRefusesChanges()
    {
        // The demo's Sandbox OU has AWS-GR_REGION_DENY over the governed Regions eu-west-1 and us-east-1; the control's
        // SCP denies everything but global services' actions (ec2:Describe* is not among them) in any other Region.
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "sandbox-alice");
        AmazonEC2Client In(string region) => new(new BasicAWSCredentials(key.Id, key.Secret),
            new AmazonEC2Config { ServiceURL = portal.Ec2Endpoint, AuthenticationRegion = region, MaxErrorRetry = 0 });

        DescribeTrafficMirrorSessionsResponse governed;
        AmazonEC2Exception describe, enis, change;
        try
        {
            governed = await In(MirroringApi.Region).DescribeTrafficMirrorSessionsAsync(new());
            describe = await Assert.ThrowsAsync<AmazonEC2Exception>(() => In("ap-southeast-2").DescribeTrafficMirrorSessionsAsync(new()));
            enis = await Assert.ThrowsAsync<AmazonEC2Exception>(() => In("ap-southeast-2").DescribeNetworkInterfacesAsync(new()));
            change = await Assert.ThrowsAsync<AmazonEC2Exception>(() => In("ap-southeast-2").CreateTrafficMirrorFilterAsync(new()));
        }
        finally
        {
            // The admin's keys in this class stay within the five active keys a user may hold.
            (await admin.DeleteAsync($"/api/v1/access-keys/{key.Id}")).EnsureSuccessStatusCode();
        }
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=ec2:DescribeTrafficMirrorSessions&outcome=Denied")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, governed.HttpStatusCode);
        Assert.All([describe, enis, change], refused =>
        {
            Assert.Equal("UnauthorizedOperation", refused.ErrorCode);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("AWS-GR_REGION_DENY", refused.Message, StringComparison.Ordinal);
        });
        var entry = audit.GetProperty("items").EnumerateArray().First();
        Assert.Equal("ap-southeast-2", entry.GetProperty("region").GetString());
        Assert.Equal(key.AccountId, entry.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task DryRunAnswersDryRunOperationAndCreatesNothing()
    {
        var (ec2, _) = await WebProdAsync();

        var dryRun = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.CreateTrafficMirrorFilterAsync(new() { Description = "dry", DryRun = true }));
        var filters = await ec2.DescribeTrafficMirrorFiltersAsync(new() { Filters = [new("description", ["dry"])] });

        Assert.Equal("DryRunOperation", dryRun.ErrorCode);
        Assert.Empty(filters.TrafficMirrorFilters ?? []);
    }
}
