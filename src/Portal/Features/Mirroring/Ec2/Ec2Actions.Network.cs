using System.Xml.Linq;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Features.Mirroring.Network;
using static MirrorTower.Portal.Features.Mirroring.Ec2.Ec2Xml;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

public static partial class Ec2Actions
{
    /// <summary>
    /// The network actions a mirroring setup needs from the AWS CLI or an SDK: VPCs and subnets (with their IPv6 blocks)
    /// and interfaces with explicit or assigned addresses. A VPC's or subnet's name is its Name tag (EC2 has no name
    /// field); without one, the CIDR block names it.
    /// </summary>
    private static Dictionary<string, Handler> NetworkHandlers() => new(StringComparer.Ordinal)
    {
        ["CreateVpc"] = async call =>
        {
            var p = call.Parameters;
            var vpc = Value(await call.Changes.CreateVpcAsync(call.Caller, new NewVpc(NameTag(p) ?? p.String("CidrBlock"), p.String("CidrBlock"),
                p.String("AmazonProvidedIpv6CidrBlock") is null ? null : p.Bool("AmazonProvidedIpv6CidrBlock"), p.String("Ipv6CidrBlock"))));
            return [Renamed(Vpc(vpc), "vpc")];
        },
        ["DescribeVpcs"] = async call => Page(call, "vpcSet", Ec2Describe.Run(call.Parameters, "VpcId",
            Owned((await call.Network()).Vpcs.Values, call, v => (v.AccountId, v.Region)).OrderBy(v => v.Id), v => v.Id,
            new Dictionary<string, Func<Vpc, IEnumerable<string?>>>
            {
                ["vpc-id"] = v => [v.Id],
                ["cidr"] = v => [v.CidrBlock],
                ["cidr-block-association.cidr-block"] = v => [v.CidrBlock],
                ["ipv6-cidr-block-association.ipv6-cidr-block"] = v => [v.Ipv6CidrBlock],
                ["owner-id"] = v => [v.AccountId],
                ["tag:Name"] = v => [v.Name],
            }, Vpc)),
        ["CreateSubnet"] = async call =>
        {
            var p = call.Parameters;
            var subnet = Value(await call.Changes.CreateSubnetAsync(call.Caller, new NewSubnet(p.String("VpcId"), NameTag(p) ?? p.String("CidrBlock"), p.String("CidrBlock"),
                p.String("AvailabilityZone") ?? $"{call.Caller.Region}a", p.String("Ipv6CidrBlock"))));
            return [Renamed(Subnet(subnet, call.Caller.AccountId), "subnet")];
        },
        ["DescribeSubnets"] = async call =>
        {
            var network = await call.Network();
            return Page(call, "subnetSet", Ec2Describe.Run(call.Parameters, "SubnetId",
                network.Subnets.Values.Where(s => network.Vpcs.GetValueOrDefault(s.VpcId) is { } v && (v.AccountId, v.Region) == (call.Caller.AccountId, call.Caller.Region))
                    .OrderBy(s => s.Id), s => s.Id,
                new Dictionary<string, Func<Subnet, IEnumerable<string?>>>
                {
                    ["subnet-id"] = s => [s.Id],
                    ["vpc-id"] = s => [s.VpcId],
                    ["cidr-block"] = s => [s.CidrBlock],
                    ["ipv6-cidr-block-association.ipv6-cidr-block"] = s => [s.Ipv6CidrBlock],
                    ["availability-zone"] = s => [s.AvailabilityZone],
                    ["tag:Name"] = s => [s.Name],
                }, s => Subnet(s, call.Caller.AccountId)));
        },
        ["CreateNetworkInterface"] = async call =>
        {
            var p = call.Parameters;
            var ipv6 = new List<string>();
            for (var i = 1; p.String($"Ipv6Addresses.{i}.Ipv6Address") is { } address; i++)
            {
                ipv6.Add(address);
            }
            var created = await call.Changes.CreateNetworkInterfaceAsync(call.Caller, new NewNetworkInterface(p.String("SubnetId"), p.String("Description"), null,
                p.String("PrivateIpAddress"), ipv6, p.Int("Ipv6AddressCount")));
            var network = await call.Network();
            return Created(created, "networkInterface", e => NetworkInterface(e, network), call);
        },
        ["DeleteNetworkInterface"] = async call =>
        {
            Value(await call.Changes.DeleteNetworkInterfaceAsync(call.Caller, call.Parameters.Required("NetworkInterfaceId")));
            return [Optional("return", true)];
        },
        ["DescribeNetworkInterfaces"] = async call =>
        {
            var network = await call.Network();
            return Page(call, "networkInterfaceSet", Ec2Describe.Run(call.Parameters, "NetworkInterfaceId",
                network.EnisIn(call.Caller.AccountId, call.Caller.Region).OrderBy(e => e.Id), e => e.Id,
                new Dictionary<string, Func<NetworkInterface, IEnumerable<string?>>>
                {
                    ["network-interface-id"] = e => [e.Id],
                    ["subnet-id"] = e => [e.SubnetId],
                    ["vpc-id"] = e => [network.VpcOfEni(e)?.Id],
                    ["attachment.instance-id"] = e => [e.InstanceId],
                    ["private-ip-address"] = e => [e.PrivateIpAddress],
                    ["addresses.private-ip-address"] = e => [e.PrivateIpAddress],
                    ["ipv6-addresses.ipv6-address"] = e => e.Ipv6Addresses.Select(a => a.Address),
                    ["description"] = e => [e.Description],
                    ["availability-zone"] = e => [network.Subnets.GetValueOrDefault(e.SubnetId)?.AvailabilityZone],
                    ["owner-id"] = e => [call.Caller.AccountId],
                    ["status"] = e => [e.InstanceId is null ? "available" : "in-use"],
                }, e => NetworkInterface(e, network)));
        },
    };

    private static string? NameTag(Ec2Parameters parameters) => parameters.Tags().FirstOrDefault(t => t.Key == "Name")?.Value;
}
