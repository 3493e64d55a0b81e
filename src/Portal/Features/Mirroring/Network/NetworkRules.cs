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
}
