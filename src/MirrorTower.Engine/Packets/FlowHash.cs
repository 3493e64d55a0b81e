using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Packets;

/// <summary>
/// A deterministic hash of a flow: the 5-tuple for TCP, UDP and ICMP, the 3-tuple (addresses and protocol) for other
/// protocols, as the reference says. Symmetric neither way on purpose: a flow and its reply are two flows, as on the wire.
/// </summary>
public static class FlowHash
{
    public static uint Of(in PacketFacts packet)
    {
        // FNV-1a over the fields, folded from 128-bit addresses; stable across runs and platforms.
        var hash = 2166136261u;
        hash = Mix(hash, (ulong)packet.Source);
        hash = Mix(hash, (ulong)(packet.Source >> 64));
        hash = Mix(hash, (ulong)packet.Destination);
        hash = Mix(hash, (ulong)(packet.Destination >> 64));
        hash = Mix(hash, packet.Protocol);
        if (packet.Protocol is Protocols.Tcp or Protocols.Udp or Protocols.Icmp)
        {
            hash = Mix(hash, ((ulong)packet.SourcePort << 16) | packet.DestinationPort);
        }
        return hash;
    }

    /// <summary>The outer UDP source port of a VXLAN copy: the flow's hash folded into the dynamic range 49152-65535.</summary>
    public static ushort SourcePort(uint hash) => (ushort)(49152 + (hash % 16384));

    private static uint Mix(uint hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (i * 8))) * 16777619u;
        }
        return hash;
    }
}
