using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Features.AccountFactory;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Invariants;

/// <summary>
/// Every limit and uniqueness rule holds when many requests arrive at once: 20 parallel requests over real HTTP
/// (Kestrel on loopback), exactly the limit succeeds, the others are refused naming the rule, and the audit trail
/// records each outcome once.
/// </summary>
public sealed class ParallelRequestTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private const int Parallel = 20;

    private static async Task<List<JsonElement>> AuditAsync(HttpClient admin, string action, string? target = null)
    {
        var page = await (await admin.GetAsync($"/api/v1/audit-events?action={Uri.EscapeDataString(action)}&pageSize=500")).JsonAsync();
        return page.GetProperty("items").EnumerateArray().Where(e => target is null || e.GetProperty("target").GetString() == target).ToList();
    }

    private static int Count(IEnumerable<HttpResponseMessage> responses, HttpStatusCode status) => responses.Count(r => r.StatusCode == status);

    [Fact]
    public async Task AnEniTakesAtMostThreeSessionsHoweverManyArriveAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "payments-prod")).GetProperty("id").GetString()!;
        var sensor = await MirroringApi.EniOfAsync(admin, "app-1");
        var filterId = await MirroringApi.CreateFilterAsync(admin, accountId);
        var target = await MirroringApi.TargetOfAsync(admin, "network-load-balancer");

        var responses = await Simultaneous.SendAsync(Parallel, i => MirroringApi.CreateSessionAsync(admin, accountId,
            new { networkInterfaceId = sensor, trafficMirrorTargetId = target, trafficMirrorFilterId = filterId, sessionNumber = i + 1 }));

        var sessions = (await MirroringApi.OverviewAsync(admin)).GetProperty("sessions").EnumerateArray()
            .Count(s => s.GetProperty("session").GetProperty("networkInterfaceId").GetString() == sensor);
        Assert.Equal(3, sessions);
        Assert.Equal(3, Count(responses, HttpStatusCode.Created) + Count(responses, HttpStatusCode.OK));
        Assert.Equal(Parallel - 3, Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("at most 3", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var audited = await AuditAsync(admin, "ec2:CreateTrafficMirrorSession");
        Assert.Equal(3, audited.Count(e => e.GetProperty("outcome").GetString() == "Succeeded" && e.GetProperty("reason").GetString()!.Contains(sensor, StringComparison.Ordinal)));
    }

    /// <summary>An address is held by one interface: 20 creates asking for the same IPv4 and IPv6 addresses give one interface.</summary>
    [Fact]
    public async Task AnExplicitAddressIsGivenToOneInterfaceHoweverManyAskAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var web = (await MirroringApi.NetworkAsync(admin)).GetProperty("vpcs").EnumerateArray().Single(v => v.GetProperty("vpc").GetProperty("name").GetString() == "web");
        var accountId = web.GetProperty("vpc").GetProperty("accountId").GetString()!;
        var subnet = web.GetProperty("subnets")[0];
        var ipv6 = subnet.GetProperty("ipv6CidrBlock").GetString()!.Replace("::/64", "::7777", StringComparison.Ordinal);

        var v4 = await Simultaneous.SendAsync(Parallel, _ => admin.PostAsJsonAsync($"{MirroringApi.Scope(accountId)}/network-interfaces",
            new { subnetId = subnet.GetProperty("id").GetString(), description = "parallel v4", privateIpAddress = "10.1.1.200", ipv6AddressCount = 0 }));
        var v6 = await Simultaneous.SendAsync(Parallel, _ => admin.PostAsJsonAsync($"{MirroringApi.Scope(accountId)}/network-interfaces",
            new { subnetId = subnet.GetProperty("id").GetString(), description = "parallel v6", ipv6Addresses = new[] { ipv6 } }));

        var interfaces = (await MirroringApi.NetworkAsync(admin)).GetProperty("networkInterfaces").EnumerateArray().ToList();
        Assert.Single(interfaces, e => e.GetProperty("privateIpAddress").GetString() == "10.1.1.200");
        Assert.Single(interfaces, e => e.GetProperty("ipv6Addresses").EnumerateArray().Any(a => a.GetString() == ipv6));
        Assert.Equal(1, Count(v4, HttpStatusCode.Created));
        Assert.Equal(1, Count(v6, HttpStatusCode.Created));
        foreach (var refused in v4.Concat(v6).Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("already in use", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
    }

    /// <summary>The AWS API goes through the same serialized pipeline: 20 SDK-signed CreateOrganizationalUnit calls for one name make one OU.</summary>
    [Fact]
    public async Task AnOuNameIsTakenOnceThroughTheAwsApiHoweverManyAskAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        using var organizations = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(new Amazon.Runtime.BasicAWSCredentials(key.Id, key.Secret),
            Amazon.RegionEndpoint.USEast1, "organizations", new HttpClientHandler())) { BaseAddress = new Uri(portal.BaseUrl) };
        var rootId = (await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync()).GetProperty("rootId").GetString();

        var responses = await Simultaneous.SendAsync(Parallel, _ =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/aws")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { ParentId = rootId, Name = "ParallelTeam" }), System.Text.Encoding.UTF8, "application/x-amz-json-1.1"),
            };
            message.Headers.Add("X-Amz-Target", "AWSOrganizationsV20161128.CreateOrganizationalUnit");
            return organizations.SendAsync(message);
        });

        Assert.Equal(1, Count(responses, HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("DuplicateOrganizationalUnitException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        }
        var ous = await (await admin.GetAsync("/api/v1/ous")).JsonAsync();
        Assert.Single(ous.EnumerateArray(), o => o.GetProperty("name").GetString() == "ParallelTeam");
    }

    /// <summary>A resource holds at most 50 tags: 20 TagResource calls of 3 new keys each at once leave 16 of them, 48 tags.</summary>
    [Fact]
    public async Task AResourceHoldsAtMostFiftyTagsHoweverManyTagItAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        using var organizations = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(new Amazon.Runtime.BasicAWSCredentials(key.Id, key.Secret),
            Amazon.RegionEndpoint.USEast1, "organizations", new HttpClientHandler())) { BaseAddress = new Uri(portal.BaseUrl) };
        var account = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString();
        HttpRequestMessage Call(string operation, object body)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/aws") { Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/x-amz-json-1.1") };
            message.Headers.Add("X-Amz-Target", $"AWSOrganizationsV20161128.{operation}");
            return message;
        }

        var responses = await Simultaneous.SendAsync(Parallel, i => organizations.SendAsync(Call("TagResource",
            new { ResourceId = account, Tags = Enumerable.Range(0, 3).Select(k => new { Key = $"parallel-{i}-{k}", Value = "x" }) })));
        var held = 0;
        for (string? token = null; ;)
        {
            var page = await (await organizations.SendAsync(Call("ListTagsForResource", new { ResourceId = account, NextToken = token }))).JsonAsync();
            held += page.GetProperty("Tags").GetArrayLength();
            if (!page.TryGetProperty("NextToken", out var next) || next.GetString() is not { } following)
            {
                break;
            }
            token = following;
        }

        Assert.Equal(16, Count(responses, HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal("ConstraintViolationException", r.Headers.GetValues("x-amzn-ErrorType").Single()));
        Assert.Equal(48, held);
    }

    [Fact]
    public async Task AUserHasAtMostFiveActiveAccessKeys()
    {
        using var user = await ApiClient.NewUserAsync(portal, "Member");
        using var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(user, "web-prod")).GetProperty("id").GetString()!;

        var responses = await Simultaneous.SendAsync(Parallel, _ => user.PostAsJsonAsync("/api/v1/access-keys", new { accountId, description = "parallel" }));

        var keys = await (await user.GetAsync("/api/v1/access-keys")).JsonAsync();
        Assert.Equal(5, keys.EnumerateArray().Count(k => k.GetProperty("revokedUtc").ValueKind == JsonValueKind.Null));
        Assert.Equal(5, responses.Count(r => r.IsSuccessStatusCode));
        Assert.Equal(Parallel - 5, Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => !r.IsSuccessStatusCode))
        {
            Assert.Contains("accessKeys: You already have 5 active access keys", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var me = await (await user.GetAsync("/api/v1/me")).JsonAsync();
        var audited = (await AuditAsync(admin, "iam:CreateAccessKey")).Where(e => e.GetProperty("actor").GetString() == me.GetProperty("email").GetString()).ToList();
        Assert.Equal(5, audited.Count(e => e.GetProperty("outcome").GetString() == "Succeeded"));
        Assert.Equal(Parallel - 5, audited.Count(e => e.GetProperty("outcome").GetString() == "Failed"));
    }

    [Fact]
    public async Task OneNameUnderOneParentMakesOneOuWhateverTheCase()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var parentId = (await OrganizationApi.OuNamedAsync(admin, "Workloads")).GetProperty("id").GetString();
        var name = $"Parallel-{Guid.NewGuid():N}"[..20];

        var responses = await Simultaneous.SendAsync(Parallel, i => admin.PostAsJsonAsync("/api/v1/ous",
            new { name = i % 2 == 0 ? name : name.ToUpperInvariant(), parentId }));

        var ous = await (await admin.GetAsync("/api/v1/ous")).JsonAsync();
        Assert.Single(ous.EnumerateArray(), o => string.Equals(o.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, Count(responses, HttpStatusCode.Created));
        Assert.Equal(Parallel - 1, Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("already exists there", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var audited = (await AuditAsync(admin, "organizations:CreateOrganizationalUnit")).Where(e =>
            e.GetProperty("outcome").GetString() == "Succeeded" && e.GetProperty("reason").GetString()!.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Single(audited);
    }

    [Fact]
    public async Task OfTwentyContradictoryDecisionsOnOneRecordExactlyOneIsApplied()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        using var admin = await ApiClient.AdminAsync(portal);
        var recordId = await AccountFactoryApi.LaunchedRecordAsync(member, $"decide-{Guid.NewGuid():N}"[..15] + "@tests.example");

        var responses = await Simultaneous.SendAsync(Parallel, i => admin.PostAsJsonAsync($"/api/v1/records/{recordId}/approval",
            i % 2 == 0 ? new { approve = true, reason = (string?)null } : new { approve = false, reason = (string?)"Not now." }));

        Assert.Equal(1, Count(responses, HttpStatusCode.OK));
        Assert.Equal(Parallel - 1, Count(responses, HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Contains("is not waiting for approval: it is", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var record = await AccountFactoryApi.FinishedAsync(admin, recordId);
        var approved = record.GetProperty("approval").GetString() == "Approved";
        Assert.Equal(approved ? "SUCCEEDED" : "FAILED", record.GetProperty("status").GetString());
        var audited = await AuditAsync(admin, "mirrortower:ApproveProvisioning", recordId);
        Assert.Single(audited, e => e.GetProperty("outcome").GetString() == "Succeeded");
        Assert.Equal(Parallel - 1, audited.Count(e => e.GetProperty("outcome").GetString() == "Failed"));
    }

    [Fact]
    public async Task AFilterHoldsAtMostTenRulesPerDirection()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        var filterId = await MirroringApi.CreateFilterAsync(admin, accountId);

        var responses = await Simultaneous.SendAsync(Parallel, i => MirroringApi.AddRuleAsync(admin, accountId, filterId, new
        {
            trafficDirection = "ingress", ruleNumber = 100 + i, ruleAction = "accept", protocol = "tcp", sourceCidrBlock = "0.0.0.0/0", destinationCidrBlock = "10.1.0.0/16",
        }));

        Assert.Equal(10, Count(responses, HttpStatusCode.Created) + Count(responses, HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("A filter holds at most 10 ingress rules", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        Assert.Equal(Parallel - 10, Count(responses, HttpStatusCode.BadRequest));
        var audited = await AuditAsync(admin, "ec2:CreateTrafficMirrorFilterRule");
        Assert.Equal(10, audited.Count(e => e.GetProperty("outcome").GetString() == "Succeeded" && e.GetProperty("reason").GetString()!.Contains(filterId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ATargetHasAtMostFiveScpsHoweverManyAttachmentsArriveAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var ou = await (await admin.PostAsJsonAsync("/api/v1/ous", new { name = $"scps-{Guid.NewGuid():N}"[..16] })).JsonAsync();
        var ouId = ou.GetProperty("id").GetString()!;
        var attached = ou.GetProperty("attachedScps").GetInt32();
        var policies = new List<string>();
        for (var i = 0; i < Parallel; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/policies", new
            {
                name = $"parallel-{Guid.NewGuid():N}"[..20],
                document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket{{i}}","Resource":"*"}]}""",
            });
            policies.Add((await created.JsonAsync()).GetProperty("id").GetString()!);
        }

        var responses = await Simultaneous.SendAsync(Parallel, i => admin.PostAsJsonAsync($"/api/v1/policies/{policies[i]}/attachments", new { targetId = ouId }));

        Assert.Equal(5 - attached, Count(responses, HttpStatusCode.OK));
        Assert.Equal(Parallel - (5 - attached), Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("Quota 'SCPs attached to a target' (5) is reached", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var after = (await (await admin.GetAsync("/api/v1/ous")).JsonAsync()).EnumerateArray().Single(o => o.GetProperty("id").GetString() == ouId);
        Assert.Equal(5, after.GetProperty("attachedScps").GetInt32());
    }

    [Fact]
    public async Task OneProductNameMakesOneProductWhateverTheCase()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var name = $"Vending-{Guid.NewGuid():N}"[..18];

        var responses = await Simultaneous.SendAsync(Parallel, i => admin.PostAsJsonAsync("/api/v1/catalog/products",
            new { name = i % 2 == 0 ? name : name.ToUpperInvariant(), description = "parallel" }));

        Assert.Equal(1, Count(responses, HttpStatusCode.Created) + Count(responses, HttpStatusCode.OK));
        Assert.Equal(Parallel - 1, Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("already exists: product names are unique", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var catalog = await (await admin.GetAsync("/api/v1/catalog")).JsonAsync();
        Assert.Single(catalog.GetProperty("products").EnumerateArray(), p => string.Equals(p.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OneEmailVendsOneAccountHoweverManyLaunchesArriveAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var email = $"same-{Guid.NewGuid():N}"[..13] + "@tests.example";

        var responses = await Simultaneous.SendAsync(Parallel, i => AccountFactoryApi.LaunchAsync(admin,
            AccountFactoryApi.Parameters(i % 2 == 0 ? email : email.ToUpperInvariant(), name: $"same-{i}")));

        Assert.Equal(1, Count(responses, HttpStatusCode.Created));
        Assert.Equal(Parallel - 1, Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            // Refused while the first launch holds the e-mail, or once its account has it (steps are fast here).
            Assert.Matches("is already requested by another launch in progress|is already the e-mail of account", await MirroringApi.ErrorsAsync(refused));
        }
        var audited = await AuditAsync(admin, "servicecatalog:ProvisionProduct");
        Assert.Single(audited, e => e.GetProperty("outcome").GetString() == "Succeeded" && e.GetProperty("reason").GetString()!.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OfTwentyTerminationsOfOneProductExactlyOneStartsAnOperation()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var recordId = await AccountFactoryApi.LaunchedRecordAsync(admin, $"term-{Guid.NewGuid():N}"[..13] + "@tests.example");
        var productId = (await AccountFactoryApi.FinishedAsync(admin, recordId)).GetProperty("provisionedProductId").GetString()!;

        var responses = await Simultaneous.SendAsync(Parallel, _ => admin.PostAsync($"/api/v1/provisioned-products/{productId}/terminate", null));

        Assert.Equal(1, Count(responses, HttpStatusCode.OK));
        // Steps are instant here: a request that comes after the termination has finished finds no product (404).
        Assert.Equal(Parallel - 1, Count(responses, HttpStatusCode.BadRequest) + Count(responses, HttpStatusCode.NotFound));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            Assert.Contains("has an operation in progress", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        var audited = await AuditAsync(admin, "servicecatalog:TerminateProvisionedProduct", productId);
        Assert.Single(audited, e => e.GetProperty("outcome").GetString() == "Succeeded");
        Assert.Equal(Parallel - 1, audited.Count(e => e.GetProperty("outcome").GetString() == "Failed"));
    }

    [Fact]
    public async Task AtMostFourRunsAreLiveAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        // Long, real-time runs, so that none ends while the others start.
        var responses = await Simultaneous.SendAsync(8, _ => admin.PostAsJsonAsync("/api/v1/simulations",
            new { scenario = "WebTier", packetsPerSecond = 100, durationSeconds = 600, seed = 1, speed = 1 }));

        try
        {
            Assert.Equal(4, responses.Count(r => r.IsSuccessStatusCode));
            Assert.Equal(4, Count(responses, HttpStatusCode.BadRequest));
            foreach (var refused in responses.Where(r => !r.IsSuccessStatusCode))
            {
                Assert.Contains("at most 4 at once", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
            }
            var live = await (await admin.GetAsync("/api/v1/simulations")).JsonAsync();
            Assert.Equal(4, live.GetProperty("live").GetArrayLength());
        }
        finally
        {
            foreach (var started in responses.Where(r => r.IsSuccessStatusCode))
            {
                var id = (await started.JsonAsync()).GetProperty("id").GetString();
                await admin.PostAsync($"/api/v1/simulations/{id}/stop", null);
            }
        }
    }

    [Fact]
    public async Task OneControlIsEnabledOnceOnAnOuHoweverManyRequestsArriveAtOnce()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var parentId = (await OrganizationApi.OuNamedAsync(admin, "Workloads")).GetProperty("id").GetString();
        var created = await admin.PostAsJsonAsync("/api/v1/ous", new { name = $"Controls-{Guid.NewGuid():N}"[..18], parentId });
        var ouId = (await created.JsonAsync()).GetProperty("id").GetString();

        var responses = await Simultaneous.SendAsync(Parallel, _ => admin.PostAsJsonAsync($"/api/v1/ous/{ouId}/enabled-controls",
            new { controlIdentifier = "AWS-GR_DISALLOW_VPN_CONNECTIONS", confirmFailingTests = true }));

        Assert.Equal(1, responses.Count(r => r.IsSuccessStatusCode));
        Assert.Equal(Parallel - 1, Count(responses, HttpStatusCode.BadRequest));
        foreach (var refused in responses.Where(r => !r.IsSuccessStatusCode))
        {
            Assert.Matches("is in progress|is already enabled", await MirroringApi.ErrorsAsync(refused));
        }
    }
}
