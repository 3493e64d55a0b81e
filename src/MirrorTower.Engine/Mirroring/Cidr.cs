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
