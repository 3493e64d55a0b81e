using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>
/// Behind a load balancer (issue #20) every connection comes from the balancer: the client is the one the trusted
/// balancer names in X-Forwarded-For, and only the trusted balancer is believed. The audit trail records that client
/// and the sign-in throttle (three a minute here) counts it, across parallel attempts too.
/// </summary>
public sealed class ClientAddressTests(ClientAddressTests.BalancedPortal portal) : IClassFixture<ClientAddressTests.BalancedPortal>
{
    private const string Balancer = "10.1.2.3";

    [Fact]
    public async Task TheClientTheTrustedBalancerNamesIsAuditedAndThrottledOnItsOwn()
    {
        using var client = portal.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            first.Add((await AttemptAsync(client, Balancer, "203.0.113.1", $"first-{i}@tests.example")).StatusCode);
        }
        var other = await AttemptAsync(client, Balancer, "203.0.113.2", "other@tests.example");
        var audit = await AuditOfAsync("first-0@tests.example");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Equal("203.0.113.1", audit);
    }

    [Fact]
    public async Task AnUntrustedSendersForwardedHeaderIsIgnored()
    {
        using var client = portal.CreateClient();

        await AttemptAsync(client, "192.0.2.50", "203.0.113.99", "spoofer@tests.example");

        Assert.Equal("192.0.2.50", await AuditOfAsync("spoofer@tests.example"));
    }

    [Fact]
    public async Task TwentyParallelAttemptsFromOneClientLetThreeThrough()
    {
        using var client = portal.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AttemptAsync(client, Balancer, "198.51.100.7", $"parallel-{i}@tests.example")));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(17, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    private static async Task<HttpResponseMessage> AttemptAsync(HttpClient client, string peer, string forwardedFor, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email, password = "Wrong-Password-1" }),
        };
        request.Headers.Add(BalancedPortal.PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private async Task<string?> AuditOfAsync(string email)
    {
        // One administrator sign-in for the class: the throttle allows three a minute.
        var admin = await portal.Admin.Value;
        var events = await (await admin.GetAsync($"/api/v1/audit-events?action=signin:ConsoleLogin&user={Uri.EscapeDataString(email)}")).JsonAsync();
        return events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("clientIp").GetString()).Single();
    }

    /// <summary>
    /// The portal behind a balancer at 10.1.2.0/24. The in-memory test server has no socket, so the connection's address
    /// (what the portal would read from the socket) is set first in the pipeline from a header only this host reads.
    /// </summary>
    public sealed class BalancedPortal : PortalFactory
    {
        public const string PeerHeader = "X-Test-Peer";

        public BalancedPortal() => Admin = new Lazy<Task<HttpClient>>(() => ApiClient.AdminAsync(this));

        public Lazy<Task<HttpClient>> Admin { get; }

        protected override int SignInsPerMinute => 3;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MirrorTower:Proxy:TrustedProxies:0", "10.1.2.0/24");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
        }

        private sealed class PeerFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers[PeerHeader] is [{ } peer])
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                    }
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
