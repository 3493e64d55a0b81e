using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Engine;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

/// <summary>
/// Creates and deletes the network model of an account and Region: VPCs and subnets here, instances and ENIs in
/// <c>NetworkService.Compute.cs</c>, load balancers and endpoints in <c>NetworkService.LoadBalancing.cs</c>,
/// peerings and transit gateways in <c>NetworkService.Connectivity.cs</c>. Each change is an AWS call (ec2:CreateVpc, ...) the account's SCPs decide.
/// </summary>
public sealed partial class NetworkService(Ec2Changes changes, AwsIdentifiers ids)
{
    public Task<OperationResult<Vpc>> CreateVpcAsync(Ec2Caller caller, NewVpc request) =>
        changes.RunAsync(caller, "ec2:CreateVpc", context =>
        {
            var name = Required(context.Errors, "name", request.Name);
            NetworkRules.CheckVpcBlock(context.Errors, "cidrBlock", request.CidrBlock);
            var ipv6 = Ipv6BlockOf(context, request);
            var vpc = new Vpc
            {
                Id = ids.ResourceId("vpc"), AccountId = caller.AccountId, Region = caller.Region, CidrBlock = request.CidrBlock?.Trim() ?? "", Ipv6CidrBlock = ipv6, Name = name,
            };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "vpc", vpc.Id), $"VPC {name} ({vpc.CidrBlock}{(ipv6 is null ? "" : $", {ipv6}")}) created.", () =>
            {
                context.Db.Vpcs.Add(vpc);
                return vpc;
            }));
        });

    public Task<OperationResult<Subnet>> CreateSubnetAsync(Ec2Caller caller, NewSubnet request) =>
        changes.RunAsync(caller, "ec2:CreateSubnet", context =>
        {
            if (OwnVpc(context, request.VpcId) is not { } vpc)
            {
                return Task.FromResult(context.NotFound<Subnet>($"No VPC '{request.VpcId}' in account {caller.AccountId}, {caller.Region}.", "InvalidVpcID.NotFound"));
            }
            var name = Required(context.Errors, "name", request.Name);
            var zone = request.AvailabilityZone?.Trim() ?? "";
            NetworkRules.CheckSubnet(context.Errors, vpc, context.Network.Subnets.Values, request.CidrBlock, zone, caller.Region);
            NetworkRules.CheckSubnetIpv6(context.Errors, vpc, context.Network.Subnets.Values, request.Ipv6CidrBlock);
            var ipv6 = string.IsNullOrWhiteSpace(request.Ipv6CidrBlock) || !Cidr.TryParse(request.Ipv6CidrBlock, out var block) ? null : block.ToString();
            var subnet = new Subnet
            {
                Id = ids.ResourceId("subnet"), VpcId = vpc.Id, AvailabilityZone = zone, CidrBlock = request.CidrBlock?.Trim() ?? "", Ipv6CidrBlock = ipv6, Name = name,
            };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "subnet", subnet.Id), $"Subnet {name} ({subnet.CidrBlock}{(ipv6 is null ? "" : $", {ipv6}")}) created in {vpc.Name}.", () =>
            {
                context.Db.Subnets.Add(subnet);
                return subnet;
            }));
        });

    public Task<OperationResult<string>> DeleteVpcAsync(Ec2Caller caller, string vpcId) =>
        changes.RunAsync(caller, "ec2:DeleteVpc", context =>
        {
            if (OwnVpc(context, vpcId) is not { } vpc)
            {
                return Task.FromResult(context.NotFound<string>($"No VPC '{vpcId}' in account {caller.AccountId}, {caller.Region}.", "InvalidVpcID.NotFound"));
            }
            if (context.Network.Subnets.Values.Any(s => s.VpcId == vpc.Id) || context.Network.LoadBalancers.Values.Any(l => l.VpcId == vpc.Id))
            {
                context.Errors.Add("vpcId", $"{vpc.Name} still has subnets or load balancers: delete them first (DependencyViolation).");
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "vpc", vpc.Id), $"VPC {vpc.Name} deleted.", () =>
            {
                context.Db.Vpcs.Remove(context.Db.Vpcs.Find(vpc.Id)!);
                return vpc.Id;
            }));
        });

    public Task<OperationResult<string>> DeleteSubnetAsync(Ec2Caller caller, string subnetId) =>
        changes.RunAsync(caller, "ec2:DeleteSubnet", context =>
        {
            if (OwnSubnet(context, subnetId) is not { } subnet)
            {
                return Task.FromResult(context.NotFound<string>($"No subnet '{subnetId}' in account {caller.AccountId}, {caller.Region}.", "InvalidSubnetID.NotFound"));
            }
            if (context.Network.Enis.Values.Any(e => e.SubnetId == subnet.Id) || context.Network.Instances.Values.Any(i => i.SubnetId == subnet.Id)
                || context.Network.Endpoints.Values.Any(e => e.SubnetId == subnet.Id))
            {
                context.Errors.Add("subnetId", $"{subnet.Name} still has instances, network interfaces or endpoints: delete them first (DependencyViolation).");
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "subnet", subnet.Id), $"Subnet {subnet.Name} deleted.", () =>
            {
                context.Db.Subnets.Remove(context.Db.Subnets.Find(subnet.Id)!);
                return subnet.Id;
            }));
        });

    /// <summary>AWS's two ways to give a VPC IPv6: AmazonProvidedIpv6CidrBlock (a /56 from Amazon's pool) or an explicit /56, not both.</summary>
    private static string? Ipv6BlockOf(ChangeContext context, NewVpc request)
    {
        var explicitBlock = !string.IsNullOrWhiteSpace(request.Ipv6CidrBlock);
        if (request.AmazonProvidedIpv6CidrBlock == true && explicitBlock)
        {
            context.Errors.Add("ipv6CidrBlock", "Give either amazonProvidedIpv6CidrBlock or an ipv6CidrBlock, not both.");
            return null;
        }
        if (explicitBlock)
        {
            return NetworkRules.CheckVpcIpv6Block(context.Errors, request.Ipv6CidrBlock, context.Network.Vpcs.Values)?.ToString();
        }
        if (request.AmazonProvidedIpv6CidrBlock != true)
        {
            return null;
        }
        var provided = NetworkRules.AmazonProvidedIpv6Block(context.Network.Vpcs.Values);
        if (provided is null)
        {
            context.Errors.Add("amazonProvidedIpv6CidrBlock", $"The IPv6 pool {NetworkRules.AmazonIpv6Pool} has no free /56 left.");
        }
        return provided;
    }

    private static Vpc? OwnVpc(ChangeContext context, string? vpcId) =>
        vpcId is not null && context.Network.Vpcs.TryGetValue(vpcId.Trim(), out var vpc) && vpc.AccountId == context.Caller.AccountId && vpc.Region == context.Caller.Region ? vpc : null;

    private static Subnet? OwnSubnet(ChangeContext context, string? subnetId) =>
        subnetId is not null && context.Network.Subnets.TryGetValue(subnetId.Trim(), out var subnet) && OwnVpc(context, subnet.VpcId) is not null ? subnet : null;

    private static string Required(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"The {field} is required.");
            return "";
        }
        if (value.Trim().Length > 128)
        {
            errors.Add(field, $"The {field} is at most 128 characters.");
        }
        return value.Trim();
    }
}
