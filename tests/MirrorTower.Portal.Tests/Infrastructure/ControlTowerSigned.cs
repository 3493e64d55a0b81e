using System.Net;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// Control Tower's REST-JSON operations that awscli 2.9.19 predates, called over real HTTP with requests signed by
/// AWSSDK.Core's SigV4 signer (its <c>SigV4SigningHandler</c>) for the service <c>controltower</c> in eu-west-1.
/// </summary>
public static class ControlTowerSigned
{
    public static HttpClient Client(KestrelPortalFactory portal, (string Id, string Secret, string AccountId) key) =>
        new(new SigV4SigningHandler(new BasicAWSCredentials(key.Id, key.Secret), RegionEndpoint.EUWest1, "controltower", new HttpClientHandler()))
        {
            BaseAddress = new Uri(portal.BaseUrl),
        };

    /// <summary>The answer's JSON, once it is a 200 (else the test fails showing the answer).</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}
