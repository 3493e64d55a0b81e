namespace MirrorTower.Engine.Mirroring;

/// <summary>
/// The addresses of the services every instance reaches (shared/reference/traffic-mirroring.md: their traffic is never
/// mirrored, or for the resolver only with amazon-dns), in both families, for the classifier and the traffic generator.
/// </summary>
public static class LinkLocalServices
{
    public const uint InstanceMetadata = (169u << 24) | (254u << 16) | (169u << 8) | 254u;
    public const uint TimeSync = (169u << 24) | (254u << 16) | (169u << 8) | 123u;
    public const uint AmazonResolver = (169u << 24) | (254u << 16) | (169u << 8) | 253u;
    public const uint WindowsActivationFirst = (169u << 24) | (254u << 16) | (169u << 8) | 250u;
    public const uint WindowsActivationSecond = (169u << 24) | (254u << 16) | (169u << 8) | 251u;

    /// <summary>fd00:ec2::/64, the Nitro system's IPv6 service prefix.</summary>
    private static readonly UInt128 Ipv6Services = new(0xfd00_0ec2_0000_0000UL, 0);

    public static readonly UInt128 InstanceMetadataV6 = Ipv6Services + 0x254;
    public static readonly UInt128 TimeSyncV6 = Ipv6Services + 0x123;
    public static readonly UInt128 AmazonResolverV6 = Ipv6Services + 0x253;
}
