using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Hosting;

/// <summary>
/// The <c>MirrorTower:Proxy</c> settings: the load balancers or proxies in front of the portal that are believed when
/// they say who the client is (<c>X-Forwarded-For</c>) and how it connected (<c>X-Forwarded-Proto</c>). Behind a load
/// balancer every connection comes from the balancer, so without this the audit trail names it for every request and
/// the sign-in throttle counts all users as one client.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "MirrorTower:Proxy";

    /// <summary>Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/16</c>). Empty, the default: no forwarded header is believed.</summary>
    [MaxLength(100)]
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => TrustedProxies
        .Where(entry => !IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _))
        .Select(entry => new ValidationResult(
            $"'{entry}' is neither an IP address nor a network in CIDR notation (such as 10.0.0.0/16).", [nameof(TrustedProxies)]));
}

public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProxyOptions>(ProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the framework's default trusts loopback, and any client could claim to be anyone.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in proxy.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
            }
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so that everything after it (audit, throttle, cookies' Secure flag) sees the client. Not
    /// added at all without trusted proxies: with both lists empty the framework's middleware believes every sender.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustedProxies.Count > 0
            ? app.UseForwardedHeaders()
            : app;
}
