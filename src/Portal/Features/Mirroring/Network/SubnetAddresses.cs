using System.Net;
using System.Net.Sockets;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

/// <summary>
/// The addresses of one subnet, IPv4 and IPv6: AWS reserves the first four and the last of each block; the others are
/// free until an interface, load balancer or endpoint holds them. Explicit addresses are checked here and assigned ones
/// picked here, for every door that creates an interface. The database backs the rule with unique indexes.
/// </summary>
internal sealed class SubnetAddresses
{
    /// <summary>AWS's cap on addresses per interface varies by instance type; ten is what the smallest sizes allow.</summary>
    public const int MaxIpv6PerInterface = 10;

    private readonly Cidr _ipv4;
    private readonly Cidr? _ipv6;
    private readonly HashSet<string> _taken;

    public SubnetAddresses(NetworkSnapshot network, Subnet subnet)
    {
        _ipv4 = Cidr.Parse(subnet.CidrBlock);
        _ipv6 = subnet.Ipv6CidrBlock is { } block ? Cidr.Parse(block) : null;
        _taken = network.Enis.Values.Where(e => e.SubnetId == subnet.Id).Select(e => e.PrivateIpAddress)
            .Concat(network.LoadBalancers.Values.Select(l => l.PrivateIpAddress))
            .Concat(network.Endpoints.Values.Select(e => e.PrivateIpAddress))
            .Concat(network.Enis.Values.SelectMany(e => e.Ipv6Addresses).Select(a => a.Address))
            .ToHashSet(StringComparer.Ordinal);
    }

    public bool HasIpv6 => _ipv6 is not null;

    /// <summary>The next free IPv4 address, now held; null when the subnet is full.</summary>
    public string? TakeIpv4() => TakeNext(_ipv4);

    /// <summary>The next free IPv6 address, now held; null when the subnet has no IPv6 block or it is full.</summary>
    public string? TakeIpv6() => _ipv6 is { } block ? TakeNext(block) : null;

    /// <summary>An explicit address of the given family: inside the subnet's block, not reserved, free; held when it is.</summary>
    public string? TakeExplicit(FieldErrors errors, string field, string? text, bool ipv6)
    {
        var family = ipv6 ? "IPv6" : "IPv4";
        if (!IPAddress.TryParse(text?.Trim(), out var address) || address.AddressFamily != (ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork)
            || !(text?.Trim().Contains(ipv6 ? ':' : '.') ?? false))
        {
            errors.Add(field, $"'{text}' is not an {family} address.");
            return null;
        }
        if ((ipv6 ? _ipv6 : _ipv4) is not { } block)
        {
            errors.Add(field, "The subnet has no IPv6 block: give its VPC and the subnet one first.");
            return null;
        }
        var number = Cidr.ToNumber(address);
        var canonical = address.ToString();
        if (!block.Contains(ipv6, number))
        {
            errors.Add(field, $"{canonical} is not in the subnet's {block}.");
        }
        else if (IsReserved(block, number - block.Network))
        {
            errors.Add(field, $"{canonical} is reserved by AWS (the first four and the last address of {block}).");
        }
        else if (!_taken.Add(canonical))
        {
            errors.Add(field, $"{canonical} is already in use in the subnet.");
        }
        else
        {
            return canonical;
        }
        return null;
    }

    private string? TakeNext(Cidr block)
    {
        var size = ~block.Mask & (block.IsV6 ? UInt128.MaxValue : uint.MaxValue);
        // Interfaces are few: the scan stops at the first free address, a few thousand steps at most.
        for (UInt128 offset = 4; offset < size && offset < 1_000_000; offset++)
        {
            var address = block.AddressAt(offset);
            if (_taken.Add(address))
            {
                return address;
            }
        }
        return null;
    }

    private static bool IsReserved(Cidr block, UInt128 offset) =>
        offset < 4 || offset == (~block.Mask & (block.IsV6 ? UInt128.MaxValue : uint.MaxValue));
}
