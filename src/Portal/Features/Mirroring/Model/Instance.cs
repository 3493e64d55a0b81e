namespace MirrorTower.Portal.Features.Mirroring.Model;

/// <summary>An EC2 instance; launching one creates its primary network interface.</summary>
public sealed class Instance
{
    public required string Id { get; init; }
    public required string SubnetId { get; init; }
    public required string InstanceType { get; set; }
    public required string Name { get; set; }
}

/// <summary>An elastic network interface with its primary private IPv4 address.</summary>
public sealed class NetworkInterface
{
    public required string Id { get; init; }
    public required string SubnetId { get; init; }
    public required string PrivateIpAddress { get; init; }
    public string? InstanceId { get; set; }
    public int DeviceIndex { get; set; }
    public string Description { get; set; } = "";
}
