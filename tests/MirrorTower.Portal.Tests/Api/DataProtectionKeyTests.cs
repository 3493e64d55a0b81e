using System.Net;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>The keys that protect cookies, tokens and access-key secrets live in the database, so every instance on it shares them.</summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task ATokenIssuedByOneInstanceIsAcceptedByAnotherOnTheSameDatabase()
    {
        using var shared = new SharedDataFolder();
        await TwoInstancesAsync(shared.Path);
    }

    private static async Task TwoInstancesAsync(string folder)
    {
        using var first = new FolderPortalFactory(folder);
        using var admin = await ApiClient.AdminAsync(first);
        long keys;
        await using (var connection = await first.OpenDatabaseAsync())
        {
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"DataProtectionKeys\"";
            keys = (long)(await count.ExecuteScalarAsync())!;
        }

        using var second = new FolderPortalFactory(folder);
        using var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var me = await client.GetAsync("/api/v1/me");

        Assert.True(keys >= 1);
        Assert.False(Directory.Exists(Path.Combine(folder, "keys")) && Directory.EnumerateFiles(Path.Combine(folder, "keys")).Any());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
