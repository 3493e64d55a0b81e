using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Cluster;

/// <summary>
/// The sign-in throttle holds for the cluster, not per instance (issue #20): with three attempts a minute, a client
/// whose attempts a load balancer spreads over two instances gets three, not six.
/// </summary>
[Trait("Database", "PostgreSql")]
public sealed class SharedSignInThrottleTests : IDisposable
{
    private readonly SharedDataFolder _shared = new();

    private string Folder => _shared.Path;

    [Fact]
    public async Task AttemptsOnTwoInstancesCountTogether()
    {
        using var a = new FolderPortalFactory(Folder, signInsPerMinute: 3);
        using var b = new FolderPortalFactory(Folder, signInsPerMinute: 3);
        using var onA = a.CreateClient();
        using var onB = b.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var client = i % 2 == 0 ? onA : onB;
            answers.Add((await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"spread-{i}@tests.example", password = "Wrong-Password-1" })).StatusCode);
        }

        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers.Skip(3));
    }

    public void Dispose() => _shared.Dispose();
}
