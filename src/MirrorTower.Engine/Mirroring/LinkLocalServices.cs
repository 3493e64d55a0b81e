namespace MirrorTower.Engine.Mirroring;

/// <summary>
/// The link-local addresses of the services every instance reaches (shared/reference/traffic-mirroring.md: their
/// traffic is never mirrored), for the classifier and the traffic generator alike.
/// </summary>
public static class LinkLocalServices
{
    public const uint InstanceMetadata = (169u << 24) | (254u << 16) | (169u << 8) | 254u;
    public const uint TimeSync = (169u << 24) | (254u << 16) | (169u << 8) | 123u;
    public const uint AmazonResolver = (169u << 24) | (254u << 16) | (169u << 8) | 253u;
    public const uint WindowsActivationFirst = (169u << 24) | (254u << 16) | (169u << 8) | 250u;
    public const uint WindowsActivationSecond = (169u << 24) | (254u << 16) | (169u << 8) | 251u;
}
