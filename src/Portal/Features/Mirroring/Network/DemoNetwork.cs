using MirrorTower.Engine;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

/// <summary>
/// The demo organization's hub and spoke: a security VPC in security-tooling with an NLB (UDP 4789) over three IDS
/// appliances, and web, app and database VPCs in the workload accounts, the web VPC peered with the hub and the
/// other two attached to a shared transit gateway. The web tier is mirrored; the app and database tiers are blind
/// spots to start from, and the database has a t2 instance that can never be a source. The web VPC is dual-stack
/// (its instances have IPv6 addresses and its filter mirrors HTTPS over IPv6 too); the others are IPv4 only.
/// </summary>
public sealed class DemoNetwork(PortalDbContext db, AwsIdentifiers ids, string region)
{
    public void Add(IReadOnlyDictionary<string, string> accountIds)
    {
        var hub = AddVpc(accountIds["security-tooling"], "security", "10.0.0.0/16", out var hubSubnet);
        var appliances = Enumerable.Range(1, 3).Select(i => AddInstance(hubSubnet, $"ids-{i}", "c5n.xlarge").Id).ToList();
        var nlbArn = $"arn:aws:elasticloadbalancing:{region}:{hub.AccountId}:loadbalancer/net/ids-nlb/{ids.ResourceId("x")[2..18]}";
        db.LoadBalancers.Add(new LoadBalancer
        {
            Arn = nlbArn, Name = "ids-nlb", VpcId = hub.Id, Type = LoadBalancerType.Network, PrivateIpAddress = "10.0.1.250", Listeners = ["UDP 4789"],
            Appliances = appliances.Select(id => new LoadBalancerAppliance { LoadBalancerArn = nlbArn, InstanceId = id }).ToList(),
        });

        var web = AddVpc(accountIds["web-prod"], "web", "10.1.0.0/16", out var webSubnet, WebIpv6);
        var webEnis = new[] { ("web-1", "m6i.large"), ("web-2", "m6i.large"), ("web-3", "c6i.xlarge") }.Select(w => Primary(AddInstance(webSubnet, w.Item1, w.Item2))).ToList();
        var app = AddVpc(accountIds["payments-prod"], "app", "10.2.0.0/16", out var appSubnet);
        AddInstance(appSubnet, "app-1", "m6i.xlarge");
        AddInstance(appSubnet, "app-2", "m6i.xlarge");
        var database = AddVpc(accountIds["data-lake-prod"], "database", "10.3.0.0/16", out var dbSubnet);
        AddInstance(dbSubnet, "db-primary", "r6i.2xlarge");
        AddInstance(dbSubnet, "db-legacy", "t2.medium");

        db.VpcPeerings.Add(new VpcPeering { Id = ids.ResourceId("pcx"), RequesterVpcId = web.Id, AccepterVpcId = hub.Id });
        var gateway = ids.ResourceId("tgw");
        foreach (var vpc in new[] { hub, app, database })
        {
            db.TransitGatewayAttachments.Add(new TransitGatewayAttachment { Id = ids.ResourceId("tgw-attach"), TransitGatewayId = gateway, VpcId = vpc.Id });
        }

        var target = new TrafficMirrorTargetEntity
        {
            Id = ids.ResourceId("tmt"), AccountId = hub.AccountId, Region = region, Type = TargetTypes.NetworkLoadBalancer,
            NetworkLoadBalancerArn = nlbArn, Description = "IDS fleet in the security VPC",
        };
        db.TrafficMirrorTargets.Add(target);
        var filter = new TrafficMirrorFilterEntity { Id = ids.ResourceId("tmf"), AccountId = web.AccountId, Region = region, Description = "Web tier: HTTP(S) in, everything out" };
        filter.Rules.Add(Rule(filter.Id, "ingress", 100, "accept", Protocols.Tcp, "0.0.0.0/0", "10.1.0.0/16", 443, 443, "inbound HTTPS"));
        filter.Rules.Add(Rule(filter.Id, "ingress", 110, "accept", Protocols.Tcp, "0.0.0.0/0", "10.1.0.0/16", 80, 80, "inbound HTTP"));
        filter.Rules.Add(Rule(filter.Id, "ingress", 200, "reject", Protocols.Udp, "10.0.0.0/8", "0.0.0.0/0", null, null, "ignore internal UDP"));
        filter.Rules.Add(Rule(filter.Id, "ingress", 120, "accept", Protocols.Tcp, "::/0", WebIpv6, 443, 443, "inbound HTTPS over IPv6"));
        filter.Rules.Add(Rule(filter.Id, "egress", 100, "accept", null, "0.0.0.0/0", "0.0.0.0/0", null, null, "all outbound"));
        filter.Rules.Add(Rule(filter.Id, "egress", 110, "accept", null, "::/0", "::/0", null, null, "all outbound IPv6"));
        db.TrafficMirrorFilters.Add(filter);
        var vni = 4242;
        foreach (var eni in webEnis.Take(2))
        {
            db.TrafficMirrorSessions.Add(new TrafficMirrorSessionEntity
            {
                Id = ids.ResourceId("tms"), AccountId = web.AccountId, Region = region, NetworkInterfaceId = eni.Id, TargetId = target.Id,
                FilterId = filter.Id, SessionNumber = 1, VirtualNetworkId = vni++, Description = "web tier to IDS",
            });
        }
    }

    /// <summary>The web VPC's /56, from the pool MirrorTower hands out as Amazon-provided; its subnet is the first /64.</summary>
    private const string WebIpv6 = "2600:1f18:4c1:a00::/56";

    private Vpc AddVpc(string accountId, string name, string cidr, out Subnet subnet, string? ipv6 = null)
    {
        var vpc = new Vpc { Id = ids.ResourceId("vpc"), AccountId = accountId, Region = region, CidrBlock = cidr, Ipv6CidrBlock = ipv6, Name = name };
        subnet = new Subnet
        {
            Id = ids.ResourceId("subnet"), VpcId = vpc.Id, AvailabilityZone = region + "a", CidrBlock = cidr.Replace(".0.0/16", ".1.0/24", StringComparison.Ordinal),
            Ipv6CidrBlock = ipv6?.Replace("00::/56", "01::/64", StringComparison.Ordinal), Name = $"{name}-a",
        };
        db.Vpcs.Add(vpc);
        db.Subnets.Add(subnet);
        return vpc;
    }

    private readonly Dictionary<string, int> _nextHost = [];
    private readonly Dictionary<string, NetworkInterface> _primaries = [];

    private Instance AddInstance(Subnet subnet, string name, string type)
    {
        var instance = new Instance { Id = ids.ResourceId("i"), SubnetId = subnet.Id, InstanceType = type, Name = name };
        var host = _nextHost[subnet.Id] = _nextHost.GetValueOrDefault(subnet.Id, 9) + 1;
        var eni = new NetworkInterface
        {
            Id = ids.ResourceId("eni"), SubnetId = subnet.Id, InstanceId = instance.Id, Description = $"Primary network interface of {name}",
            PrivateIpAddress = Cidr.Parse(subnet.CidrBlock).Ipv4At(host),
        };
        if (subnet.Ipv6CidrBlock is { } block)
        {
            eni.Ipv6Addresses.Add(new NetworkInterfaceIpv6Address { Address = Cidr.Parse(block).AddressAt((UInt128)host), NetworkInterfaceId = eni.Id });
        }
        db.Instances.Add(instance);
        db.NetworkInterfaces.Add(eni);
        _primaries[instance.Id] = eni;
        return instance;
    }

    private NetworkInterface Primary(Instance instance) => _primaries[instance.Id];

    private TrafficMirrorFilterRuleEntity Rule(string filterId, string direction, int number, string action, int? protocol, string source, string destination,
        int? fromPort, int? toPort, string description) => new()
    {
        Id = ids.ResourceId("tmfr"), FilterId = filterId, Direction = direction, RuleNumber = number, Action = action, Protocol = protocol,
        SourceCidrBlock = source, DestinationCidrBlock = destination, DestinationFromPort = fromPort, DestinationToPort = toPort, Description = description,
    };
}

/// <summary>Adds <see cref="DemoNetwork"/> to the demo organization.</summary>
public sealed class DemoNetworkContribution(AwsIdentifiers ids) : Organization.IDemoContribution
{
    public Task AddAsync(PortalDbContext db, string homeRegion, IReadOnlyDictionary<string, string> accountIds)
    {
        new DemoNetwork(db, ids, homeRegion).Add(accountIds);
        return Task.CompletedTask;
    }
}
