using System.Globalization;
using System.Xml.Linq;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>EC2's XML: lowerCamel element names from the service model, lists as <c>…Set</c> of <c>item</c>s.</summary>
public static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement Response(string action, string requestId, params object?[] content) =>
        new(Ns + $"{action}Response", new XElement(Ns + "requestId", requestId), content);

    /// <summary>An element, or nothing for an absent or empty value (AWS leaves out a removed description).</summary>
    public static XElement? Optional(string name, object? value) => value is null or "" ? null : new XElement(Ns + name, Text(value));

    public static XElement Set(string name, IEnumerable<XElement> items) => new(Ns + name, items);

    public static XElement Item(params object?[] content) => new(Ns + "item", content);

    public static XElement Filter(TrafficMirrorFilterEntity filter) => Item(
        Optional("trafficMirrorFilterId", filter.Id),
        Set("ingressFilterRuleSet", filter.Rules.Where(r => r.Direction == "ingress").OrderBy(r => r.RuleNumber).Select(Rule)),
        Set("egressFilterRuleSet", filter.Rules.Where(r => r.Direction == "egress").OrderBy(r => r.RuleNumber).Select(Rule)),
        Set("networkServiceSet", filter.AmazonDns ? [Item("amazon-dns")] : []),
        Optional("description", filter.Description),
        Tags(filter.Tags));

    public static XElement Rule(TrafficMirrorFilterRuleEntity rule) => Item(
        Optional("trafficMirrorFilterRuleId", rule.Id),
        Optional("trafficMirrorFilterId", rule.FilterId),
        Optional("trafficDirection", rule.Direction),
        Optional("ruleNumber", rule.RuleNumber),
        Optional("ruleAction", rule.Action),
        Optional("protocol", rule.Protocol),
        rule.DestinationFromPort is null ? null : new XElement(Ns + "destinationPortRange", Optional("fromPort", rule.DestinationFromPort), Optional("toPort", rule.DestinationToPort)),
        rule.SourceFromPort is null ? null : new XElement(Ns + "sourcePortRange", Optional("fromPort", rule.SourceFromPort), Optional("toPort", rule.SourceToPort)),
        Optional("destinationCidrBlock", rule.DestinationCidrBlock),
        Optional("sourceCidrBlock", rule.SourceCidrBlock),
        Optional("description", rule.Description));

    public static XElement Target(TrafficMirrorTargetEntity target) => Item(
        Optional("trafficMirrorTargetId", target.Id),
        Optional("networkInterfaceId", target.NetworkInterfaceId),
        Optional("networkLoadBalancerArn", target.NetworkLoadBalancerArn),
        Optional("type", target.Type),
        Optional("description", target.Description),
        Optional("ownerId", target.AccountId),
        Tags(target.Tags),
        Optional("gatewayLoadBalancerEndpointId", target.GatewayLoadBalancerEndpointId));

    public static XElement Session(TrafficMirrorSessionEntity session) => Item(
        Optional("trafficMirrorSessionId", session.Id),
        Optional("trafficMirrorTargetId", session.TargetId),
        Optional("trafficMirrorFilterId", session.FilterId),
        Optional("networkInterfaceId", session.NetworkInterfaceId),
        Optional("ownerId", session.AccountId),
        Optional("packetLength", session.PacketLength),
        Optional("sessionNumber", session.SessionNumber),
        Optional("virtualNetworkId", session.VirtualNetworkId),
        Optional("description", session.Description),
        Tags(session.Tags));

    public static XElement NetworkInterface(NetworkInterface eni, NetworkSnapshot network)
    {
        var subnet = network.Subnets[eni.SubnetId];
        var vpc = network.Vpcs[subnet.VpcId];
        return Item(
            eni.InstanceId is null ? null : new XElement(Ns + "attachment",
                Optional("attachmentId", "eni-attach-" + eni.Id[4..]), Optional("deleteOnTermination", eni.DeviceIndex == 0), Optional("deviceIndex", eni.DeviceIndex),
                Optional("networkCardIndex", 0), Optional("instanceId", eni.InstanceId), Optional("instanceOwnerId", vpc.AccountId), Optional("status", "attached")),
            Optional("availabilityZone", subnet.AvailabilityZone),
            Optional("description", eni.Description),
            Set("groupSet", []),
            Optional("interfaceType", "interface"),
            Set("ipv6AddressesSet", eni.Ipv6Addresses.OrderBy(a => a.Address, StringComparer.Ordinal).Select(a => Item(Optional("ipv6Address", a.Address), Optional("isPrimaryIpv6", false)))),
            Optional("macAddress", Mac(eni.Id)),
            Optional("networkInterfaceId", eni.Id),
            Optional("ownerId", vpc.AccountId),
            Optional("privateDnsName", $"ip-{eni.PrivateIpAddress.Replace('.', '-')}.{vpc.Region}.compute.internal"),
            Optional("privateIpAddress", eni.PrivateIpAddress),
            Set("privateIpAddressesSet", [Item(Optional("primary", true), Optional("privateIpAddress", eni.PrivateIpAddress))]),
            Optional("requesterManaged", false),
            Optional("sourceDestCheck", true),
            Optional("status", eni.InstanceId is null ? "available" : "in-use"),
            Optional("subnetId", eni.SubnetId),
            Set("tagSet", []),
            Optional("vpcId", vpc.Id));
    }

    public static XElement Vpc(Vpc vpc) => Item(
        Optional("cidrBlock", vpc.CidrBlock),
        Optional("state", "available"),
        Optional("vpcId", vpc.Id),
        Optional("ownerId", vpc.AccountId),
        Optional("instanceTenancy", "default"),
        Set("ipv6CidrBlockAssociationSet", vpc.Ipv6CidrBlock is null ? [] : [Item(Optional("associationId", "vpc-cidr-assoc-" + vpc.Id[4..]),
            Optional("ipv6CidrBlock", vpc.Ipv6CidrBlock), new XElement(Ns + "ipv6CidrBlockState", Optional("state", "associated")),
            Optional("networkBorderGroup", vpc.Region), Optional("ipv6Pool", "Amazon"))]),
        Set("cidrBlockAssociationSet", [Item(Optional("associationId", "vpc-cidr-assoc-" + vpc.Id[4..]), Optional("cidrBlock", vpc.CidrBlock),
            new XElement(Ns + "cidrBlockState", Optional("state", "associated")))]),
        Optional("isDefault", false),
        Set("tagSet", [Item(Optional("key", "Name"), Optional("value", vpc.Name))]));

    public static XElement Subnet(Subnet subnet, string ownerId) => Item(
        Optional("availabilityZone", subnet.AvailabilityZone),
        Optional("cidrBlock", subnet.CidrBlock),
        Optional("state", "available"),
        Optional("subnetId", subnet.Id),
        Optional("vpcId", subnet.VpcId),
        Optional("ownerId", ownerId),
        Optional("assignIpv6AddressOnCreation", subnet.Ipv6CidrBlock is not null),
        Set("ipv6CidrBlockAssociationSet", subnet.Ipv6CidrBlock is null ? [] : [Item(Optional("associationId", "subnet-cidr-assoc-" + subnet.Id[7..]),
            Optional("ipv6CidrBlock", subnet.Ipv6CidrBlock), new XElement(Ns + "ipv6CidrBlockState", Optional("state", "associated")))]),
        Optional("ipv6Native", false),
        Set("tagSet", [Item(Optional("key", "Name"), Optional("value", subnet.Name))]));

    public static XDocument Error(string code, string message, string requestId) => new(new XDeclaration("1.0", "UTF-8", null),
        new XElement("Response", new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))), new XElement("RequestID", requestId)));

    private static XElement Tags(IEnumerable<ResourceTag> tags) => Set("tagSet", tags.Select(t => Item(Optional("key", t.Key), Optional("value", t.Value))));

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // A stable, locally administered MAC derived from the ENI id, so describes repeat.
    private static string Mac(string eniId) => "02:" + string.Join(':', Enumerable.Range(0, 5).Select(i => eniId.Substring(4 + (i * 2), 2)));
}
