using System.Net;
using System.Net.Sockets;

namespace MirrorTower.Engine.Mirroring;

/// <summary>
/// A CIDR block compiled to a mask over a 128-bit address (IPv4 addresses are kept in the low 32 bits), so a
/// match is one AND and one compare.
/// </summary>
public readonly record struct Cidr(bool IsV6, UInt128 Network, UInt128 Mask, int PrefixLength)
{
    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = default;
        if (text is null || !IPNetwork.TryParse(text.Trim(), out var network))
        {
            return false;
        }
        var v6 = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        var bits = v6 ? 128 : 32;
        var full = v6 ? UInt128.MaxValue : uint.MaxValue;
        var mask = network.PrefixLength == 0 ? UInt128.Zero : (full << (bits - network.PrefixLength)) & full;
        cidr = new Cidr(v6, ToNumber(network.BaseAddress) & mask, mask, network.PrefixLength);
        return true;
    }

    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not a CIDR block.");

    public bool Contains(bool isV6, UInt128 address) => isV6 == IsV6 && (address & Mask) == Network;

    /// <summary>Whether every address of <paramref name="inner"/> is in this block.</summary>
    public bool Covers(Cidr inner) => IsV6 == inner.IsV6 && PrefixLength <= inner.PrefixLength && (inner.Network & Mask) == Network;

    public bool Overlaps(Cidr other) => Covers(other) || other.Covers(this);

    /// <summary>The number of addresses in an IPv4 block (2^(32-prefix)).</summary>
    public long Ipv4Size => IsV6 ? 0 : 1L << (32 - PrefixLength);

    /// <summary>The IPv4 address at <paramref name="offset"/> from the block's base, as text.</summary>
    public string Ipv4At(long offset)
    {
        var value = (uint)((ulong)Network + (ulong)offset);
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }

    /// <summary>The address at <paramref name="offset"/> from the block's base, either family, as canonical text (RFC 5952 for IPv6).</summary>
    public string AddressAt(UInt128 offset) => ToAddress(IsV6, Network + offset).ToString();

    public override string ToString() => $"{ToAddress(IsV6, Network)}/{PrefixLength}";

    public static IPAddress ToAddress(bool isV6, UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(isV6 ? bytes : bytes[12..]);
    }

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        for (var i = 0; i < written; i++)
        {
            value = (value << 8) | bytes[i];
        }
        return value;
    }
}
