using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

/// <summary>
/// EC2's rules for VPCs and subnets, in one place for every door that creates them: the EC2 API, the pages and
/// the Account Factory's baseline network.
/// </summary>
public static class NetworkRules
{
    public static Cidr? ParseBlock(FieldErrors errors, string field, string? text)
    {
        if (Cidr.TryParse(text, out var block))
        {
            return block;
        }
        errors.Add(field, $"'{text}' is not a CIDR block such as 10.20.0.0/16 (the address must be the block's first).");
        return null;
    }

    /// <summary>A VPC's block is IPv4, from /16 to /28.</summary>
    public static Cidr? CheckVpcBlock(FieldErrors errors, string field, string? text)
    {
        if (ParseBlock(errors, field, text) is not { } block)
        {
            return null;
        }
        if (block.IsV6 || block.PrefixLength is < 16 or > 28)
        {
            errors.Add(field, "A VPC's CIDR block is IPv4, from /16 to /28 (for example 10.20.0.0/16).");
            return null;
        }
        return block;
    }

    /// <summary>A subnet lies inside its VPC, is at most /28, overlaps no other subnet of the VPC, and is in a zone of the Region.</summary>
    public static void CheckSubnet(FieldErrors errors, Vpc vpc, IEnumerable<Subnet> subnets, string? cidrBlock, string zone, string region)
    {
        if (ParseBlock(errors, "cidrBlock", cidrBlock) is { } block)
        {
            if (!Cidr.Parse(vpc.CidrBlock).Covers(block) || block.PrefixLength > 28)
            {
                errors.Add("cidrBlock", $"A subnet's block lies inside its VPC's {vpc.CidrBlock} and is at most /28.");
            }
            else if (subnets.FirstOrDefault(s => s.VpcId == vpc.Id && Cidr.Parse(s.CidrBlock).Overlaps(block)) is { } clash)
            {
                errors.Add("cidrBlock", $"{cidrBlock} overlaps subnet {clash.Name} ({clash.CidrBlock}).");
            }
        }
        if (zone.Length != region.Length + 1 || !zone.StartsWith(region, StringComparison.Ordinal) || zone[^1] is < 'a' or > 'f')
        {
            errors.Add("availabilityZone", $"The Availability Zone is the Region and a letter, such as {region}a.");
        }
    }

    /// <summary>A VPC's IPv6 block is a /56 (AWS's size for Amazon-provided and BYOIP blocks alike) that no other VPC holds.</summary>
    public static Cidr? CheckVpcIpv6Block(FieldErrors errors, string? text, IEnumerable<Vpc> vpcs)
    {
        if (ParseBlock(errors, "ipv6CidrBlock", text) is not { } block)
        {
            return null;
        }
        if (!block.IsV6 || block.PrefixLength != 56)
        {
            errors.Add("ipv6CidrBlock", "A VPC's IPv6 block is an IPv6 /56 (for example 2600:1f18:abc:100::/56).");
            return null;
        }
        if (vpcs.FirstOrDefault(v => v.Ipv6CidrBlock is { } other && Cidr.Parse(other).Overlaps(block)) is { } clash)
        {
            errors.Add("ipv6CidrBlock", $"{block} is already VPC {clash.Name}'s IPv6 block.");
            return null;
        }
        return block;
    }

    /// <summary>A subnet's IPv6 block is a /64 inside its VPC's /56 that no other subnet of the VPC holds.</summary>
    public static void CheckSubnetIpv6(FieldErrors errors, Vpc vpc, IEnumerable<Subnet> subnets, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        if (vpc.Ipv6CidrBlock is null)
        {
            errors.Add("ipv6CidrBlock", $"VPC {vpc.Name} has no IPv6 block: give it one before its subnets.");
            return;
        }
        if (ParseBlock(errors, "ipv6CidrBlock", text) is not { } block)
        {
            return;
        }
        if (!block.IsV6 || block.PrefixLength != 64 || !Cidr.Parse(vpc.Ipv6CidrBlock).Covers(block))
        {
            errors.Add("ipv6CidrBlock", $"A subnet's IPv6 block is a /64 inside its VPC's {vpc.Ipv6CidrBlock}.");
        }
        else if (subnets.FirstOrDefault(s => s.VpcId == vpc.Id && s.Ipv6CidrBlock is { } other && Cidr.Parse(other).Overlaps(block)) is { } clash)
        {
            errors.Add("ipv6CidrBlock", $"{text.Trim()} is subnet {clash.Name}'s IPv6 block.");
        }
    }

    /// <summary>
    /// The first free /56 of the pool MirrorTower hands out as "Amazon-provided" (2600:1f18::/32, an AWS range): IPv6
    /// blocks are globally unique, so every VPC of every account is counted.
    /// </summary>
    public static string? AmazonProvidedIpv6Block(IEnumerable<Vpc> vpcs)
    {
        var taken = vpcs.Select(v => v.Ipv6CidrBlock).OfType<string>().Select(Cidr.Parse).Select(c => c.Network).ToHashSet();
        var pool = Cidr.Parse(AmazonIpv6Pool);
        for (UInt128 block = 0; block < (UInt128)1 << 24; block++)
        {
            var network = pool.Network + (block << 72);
            if (!taken.Contains(network))
            {
                return new Cidr(true, network, UInt128.MaxValue << 72, 56).ToString();
            }
        }
        return null;
    }

    public const string AmazonIpv6Pool = "2600:1f18::/32";
}
