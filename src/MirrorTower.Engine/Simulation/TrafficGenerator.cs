using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;

namespace MirrorTower.Engine.Simulation;

public enum Scenario
{
    /// <summary>HTTPS and HTTP from Internet clients to the ENIs, and the responses; over IPv6 too for ENIs with IPv6 addresses.</summary>
    WebTier,

    /// <summary>SSH sessions from a bastion in 10.0.0.0/16.</summary>
    SshAdmin,

    /// <summary>DNS to the VPC resolver, Amazon DNS and an outside resolver; the metadata service and Time Sync beside it; their IPv6 addresses for ENIs with IPv6.</summary>
    DnsAndInstanceServices,

    /// <summary>PostgreSQL from the app tier (10.2.0.0/16), large answers.</summary>
    Database,

    /// <summary>SYNs from one outside address to port after port.</summary>
    PortScan,

    /// <summary>Jumbo frames leaving for an outside address, more than the instance's bandwidth: copies are skipped.</summary>
    Exfiltration,
}

/// <summary>A scenario's rate (packets per second over all its ENIs), duration and seed.</summary>
public sealed record ScenarioSpec(Scenario Scenario, int PacketsPerSecond, double DurationSeconds, int Seed);

/// <summary>One synthetic packet: the ENI it passes, what the judge sees, its frame length and time.</summary>
public readonly record struct GeneratedPacket(int Eni, PacketFacts Facts, int FrameLength, long TimeNanoseconds);

/// <summary>
/// Deterministic synthetic traffic: packet i is at start + i / rate, and every choice (ENI, direction, peer, port,
/// size) comes from a <see cref="Random"/> seeded by the scenario, so a seed always gives the same packets.
/// </summary>
public sealed class TrafficGenerator(ScenarioSpec spec, IReadOnlyList<SimEni> enis, long startNanoseconds = 0)
{
    private const uint Bastion = (10u << 24) | 10;
    private const uint OutsideResolver = (192u << 24) | (0 << 16) | (2 << 8) | 53;
    private const uint AmazonResolver = LinkLocalServices.AmazonResolver;
    private const uint Metadata = LinkLocalServices.InstanceMetadata;
    private const uint TimeSync = LinkLocalServices.TimeSync;
    private const uint Scanner = (198u << 24) | (51u << 16) | (100u << 8) | 66;
    private const uint Drop = (203u << 24) | (0 << 16) | (113u << 8) | 250;

    /// <summary>2001:db8::/32, the IPv6 documentation prefix, for Internet clients speaking IPv6.</summary>
    private static readonly UInt128 Ipv6Clients = new(0x2001_0db8_0000_0000UL, 0);

    private readonly Random _random = new(spec.Seed);
    private readonly double _interval = 1e9 / Math.Max(1, spec.PacketsPerSecond);
    private long _index;

    public long Total { get; } = (long)(spec.PacketsPerSecond * spec.DurationSeconds);

    public long Generated => _index;

    public bool TryNext(out GeneratedPacket packet)
    {
        packet = default;
        if (_index >= Total || enis.Count == 0)
        {
            return false;
        }
        var time = startNanoseconds + (long)(_index * _interval);
        var eni = _random.Next(enis.Count);
        var self = enis[eni].Address;
        // An ENI with IPv6 addresses also speaks IPv6: a quarter of its web and service traffic (a v4-only ENI draws
        // nothing more from the random source, so its packets stay what they were).
        var ipv6 = enis[eni].Ipv6Addresses is { Length: > 0 } v6 && spec.Scenario is Scenario.WebTier or Scenario.DnsAndInstanceServices && _random.Next(4) == 0
            ? v6[0] : (UInt128?)null;
        var outbound = _random.Next(2) == 0;
        var client = (203u << 24) | (0 << 16) | (113u << 8) | (uint)_random.Next(1, 250);
        var ephemeral = (ushort)_random.Next(32768, 61000);
        packet = spec.Scenario switch
        {
            Scenario.WebTier when ipv6 is { } self6 => Flow(eni, true, self6, Ipv6Clients + client, Protocols.Tcp, 443, ephemeral, outbound, outbound ? 1500 : _random.Next(80, 700), time),
            Scenario.DnsAndInstanceServices when ipv6 is { } self6 => Services6(eni, self6, ephemeral, outbound, time),
            Scenario.WebTier => Flow(eni, self, client, Protocols.Tcp, _random.Next(5) == 0 ? (ushort)80 : (ushort)443, ephemeral, outbound, outbound ? 1500 : _random.Next(80, 700), time),
            Scenario.SshAdmin => Flow(eni, self, Bastion, Protocols.Tcp, 22, ephemeral, outbound, _random.Next(90, 300), time),
            Scenario.DnsAndInstanceServices => Services(eni, self, enis[eni].VpcDnsAddress, ephemeral, outbound, time),
            Scenario.Database => Flow(eni, self, (10u << 24) | (2u << 16) | (1u << 8) | (uint)_random.Next(10, 60), Protocols.Tcp, 5432, ephemeral, outbound, outbound ? _random.Next(1500, 9001) : _random.Next(120, 600), time),
            Scenario.PortScan => new(eni, new PacketFacts(TrafficDirection.Ingress, false, Scanner, self, Protocols.Tcp, 40000, (ushort)(1 + (_index % 65535))), 60, time),
            Scenario.Exfiltration => new(eni, new PacketFacts(TrafficDirection.Egress, false, self, Drop, Protocols.Tcp, ephemeral, 443), 9001, time),
            // A scenario added without its traffic must fail loudly, not quietly generate another scenario's packets.
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Scenario, "This scenario generates no traffic yet."),
        };
        _index++;
        return true;
    }

    /// <summary>Writes the frame of a generated packet (IPv4 or IPv6; ARP is never generated).</summary>
    public static int WriteFrame(Span<byte> destination, in GeneratedPacket packet) => packet.Facts.IsV6
        ? FrameBuilder.WriteIpv6(destination, packet.Facts.Source, packet.Facts.Destination, packet.Facts.Protocol,
            packet.Facts.SourcePort, packet.Facts.DestinationPort, packet.FrameLength, syn: packet.FrameLength == 60)
        : FrameBuilder.WriteIpv4(destination, (uint)packet.Facts.Source, (uint)packet.Facts.Destination, packet.Facts.Protocol,
            packet.Facts.SourcePort, packet.Facts.DestinationPort, packet.FrameLength, syn: packet.FrameLength == 60);

    /// <summary>A packet of a client/server flow where the ENI serves <paramref name="port"/>: in from the peer, or the answer out.</summary>
    private static GeneratedPacket Flow(int eni, uint self, uint peer, byte protocol, ushort port, ushort ephemeral, bool outbound, int length, long time) =>
        Flow(eni, false, self, peer, protocol, port, ephemeral, outbound, length, time);

    private static GeneratedPacket Flow(int eni, bool isV6, UInt128 self, UInt128 peer, byte protocol, ushort port, ushort ephemeral, bool outbound, int length, long time) =>
        new(eni, outbound
            ? new PacketFacts(TrafficDirection.Egress, isV6, self, peer, protocol, port, ephemeral)
            : new PacketFacts(TrafficDirection.Ingress, isV6, peer, self, protocol, ephemeral, port), length, time);

    /// <summary>The IPv6 twins of the instance services: the resolver at fd00:ec2::253 (TCP too), the metadata service at fd00:ec2::254.</summary>
    private GeneratedPacket Services6(int eni, UInt128 self, ushort ephemeral, bool outbound, long time)
    {
        var (peer, protocol, port) = _random.Next(4) switch
        {
            < 2 => (LinkLocalServices.AmazonResolverV6, (byte)Protocols.Udp, (ushort)53),
            2 => (LinkLocalServices.AmazonResolverV6, (byte)Protocols.Tcp, (ushort)53),
            _ => (LinkLocalServices.InstanceMetadataV6, (byte)Protocols.Tcp, (ushort)80),
        };
        var facts = outbound
            ? new PacketFacts(TrafficDirection.Egress, true, self, peer, protocol, ephemeral, port)
            : new PacketFacts(TrafficDirection.Ingress, true, peer, self, protocol, port, ephemeral);
        return new GeneratedPacket(eni, facts.Classified(), _random.Next(90, 220), time);
    }

    private GeneratedPacket Services(int eni, uint self, uint vpcDns, ushort ephemeral, bool outbound, long time)
    {
        var (peer, protocol, port) = _random.Next(10) switch
        {
            < 4 => (vpcDns, (byte)Protocols.Udp, (ushort)53),
            < 6 => (AmazonResolver, (byte)Protocols.Udp, (ushort)53),
            < 8 => (OutsideResolver, (byte)Protocols.Udp, (ushort)53),
            8 => (Metadata, (byte)Protocols.Tcp, (ushort)80),
            _ => (TimeSync, (byte)Protocols.Udp, (ushort)123),
        };
        // The ENI asks; the peer answers from the service port.
        var facts = outbound
            ? new PacketFacts(TrafficDirection.Egress, false, self, peer, protocol, ephemeral, port)
            : new PacketFacts(TrafficDirection.Ingress, false, peer, self, protocol, port, ephemeral);
        return new GeneratedPacket(eni, facts.Classified(vpcDns), _random.Next(70, 200), time);
    }
}
