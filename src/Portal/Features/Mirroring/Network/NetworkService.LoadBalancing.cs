using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

public sealed partial class NetworkService
{
    public Task<OperationResult<LoadBalancer>> CreateLoadBalancerAsync(Ec2Caller caller, NewLoadBalancer request) =>
        changes.RunAsync(caller, "elasticloadbalancing:CreateLoadBalancer", context =>
        {
            if (OwnSubnet(context, request.SubnetId) is not { } subnet)
            {
                return Task.FromResult(context.NotFound<LoadBalancer>($"No subnet '{request.SubnetId}' in account {caller.AccountId}, {caller.Region}.", "InvalidSubnetID.NotFound"));
            }
            var name = Required(context.Errors, "name", request.Name);
            if (name.Length > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                context.Errors.Add("name", "A load balancer name has at most 32 letters, digits and hyphens.");
            }
            var type = request.Type?.Trim().ToLowerInvariant() switch
            {
                "network" => LoadBalancerType.Network,
                "gateway" => LoadBalancerType.Gateway,
                _ => (LoadBalancerType?)null,
            };
            if (type is null)
            {
                context.Errors.Add("type", "The type is 'network' (NLB) or 'gateway' (GWLB).");
            }
            var listeners = Listeners(context.Errors, request.Listeners ?? []);
            var appliances = Appliances(context, subnet.VpcId, request.ApplianceInstanceIds ?? []);
            var address = new SubnetAddresses(context.Network, subnet).TakeIpv4();
            var kind = type == LoadBalancerType.Gateway ? "gwy" : "net";
            var arn = $"arn:aws:elasticloadbalancing:{caller.Region}:{caller.AccountId}:loadbalancer/{kind}/{name}/{ids.ResourceId("x")[2..18]}";
            var balancer = new LoadBalancer
            {
                Arn = arn, Name = name, VpcId = subnet.VpcId, Type = type ?? LoadBalancerType.Network, PrivateIpAddress = address ?? "", Listeners = listeners,
                Appliances = appliances.Select(id => new LoadBalancerAppliance { LoadBalancerArn = arn, InstanceId = id }).ToList(),
            };
            return Task.FromResult(context.Plan(arn, $"Load balancer {name} created with listeners [{string.Join(", ", listeners)}] and {appliances.Count} appliance(s).", () =>
            {
                context.Db.LoadBalancers.Add(balancer);
                return balancer;
            }));
        });

    /// <summary>Replaces the listeners, the registered appliances and which of them fail their health checks (null keeps a list).</summary>
    public Task<OperationResult<LoadBalancer>> ChangeLoadBalancerAsync(Ec2Caller caller, string arn, LoadBalancerChange change) =>
        changes.RunAsync(caller, "elasticloadbalancing:ModifyListener", context =>
        {
            if (!context.Network.LoadBalancers.TryGetValue(arn, out var current) || OwnVpc(context, current.VpcId) is null)
            {
                return Task.FromResult(context.NotFound<LoadBalancer>($"No load balancer '{arn}' in account {caller.AccountId}, {caller.Region}.", "LoadBalancerNotFound"));
            }
            var listeners = change.Listeners is null ? current.Listeners : Listeners(context.Errors, change.Listeners);
            var appliances = change.ApplianceInstanceIds is null ? current.Appliances.Select(a => a.InstanceId).ToList() : Appliances(context, current.VpcId, change.ApplianceInstanceIds);
            var unhealthy = change.UnhealthyInstanceIds?.Select(i => i.Trim()).ToHashSet() ?? current.Appliances.Where(a => !a.Healthy).Select(a => a.InstanceId).ToHashSet();
            foreach (var stray in unhealthy.Except(appliances))
            {
                context.Errors.Add("unhealthyInstanceIds", $"{stray} is not registered behind {current.Name}.");
            }
            return Task.FromResult(context.Plan(arn, $"Load balancer {current.Name}: listeners [{string.Join(", ", listeners)}], {appliances.Count} appliance(s), {unhealthy.Count} unhealthy.", () =>
            {
                var tracked = context.Db.LoadBalancers.Find(arn)!;
                context.Db.Entry(tracked).Collection(l => l.Appliances).Load();
                tracked.Listeners = listeners;
                tracked.Appliances.RemoveAll(a => !appliances.Contains(a.InstanceId));
                foreach (var id in appliances.Where(id => tracked.Appliances.All(a => a.InstanceId != id)))
                {
                    tracked.Appliances.Add(new LoadBalancerAppliance { LoadBalancerArn = arn, InstanceId = id });
                }
                tracked.Appliances.ForEach(a => a.Healthy = !unhealthy.Contains(a.InstanceId));
                return tracked;
            }));
        });

    public Task<OperationResult<string>> DeleteLoadBalancerAsync(Ec2Caller caller, string arn) =>
        changes.RunAsync(caller, "elasticloadbalancing:DeleteLoadBalancer", context =>
        {
            if (!context.Network.LoadBalancers.TryGetValue(arn, out var balancer) || OwnVpc(context, balancer.VpcId) is null)
            {
                return Task.FromResult(context.NotFound<string>($"No load balancer '{arn}' in account {caller.AccountId}, {caller.Region}.", "LoadBalancerNotFound"));
            }
            if (context.Network.Endpoints.Values.Any(e => e.ServiceLoadBalancerArn == arn))
            {
                context.Errors.Add("arn", $"Gateway Load Balancer endpoints still send to {balancer.Name}: delete them first.");
            }
            // Deleting a load balancer that a mirror target names is allowed, as in AWS: the target then warns that it mirrors into nothing.
            return Task.FromResult(context.Plan(arn, $"Load balancer {balancer.Name} deleted.", () =>
            {
                context.Db.LoadBalancers.Remove(context.Db.LoadBalancers.Find(arn)!);
                return arn;
            }));
        });

    public Task<OperationResult<GatewayLoadBalancerEndpoint>> CreateGatewayLoadBalancerEndpointAsync(Ec2Caller caller, NewGatewayLoadBalancerEndpoint request) =>
        changes.RunAsync(caller, "ec2:CreateVpcEndpoint", context =>
        {
            if (OwnSubnet(context, request.SubnetId) is not { } subnet)
            {
                return Task.FromResult(context.NotFound<GatewayLoadBalancerEndpoint>($"No subnet '{request.SubnetId}' in account {caller.AccountId}, {caller.Region}.", "InvalidSubnetID.NotFound"));
            }
            var service = request.ServiceLoadBalancerArn?.Trim() ?? "";
            if (!context.Network.LoadBalancers.TryGetValue(service, out var balancer) || balancer.Type != LoadBalancerType.Gateway
                || context.Network.Vpcs.GetValueOrDefault(balancer.VpcId)?.Region != caller.Region)
            {
                context.Errors.Add("serviceLoadBalancerArn", $"'{request.ServiceLoadBalancerArn}' is not a Gateway Load Balancer in {caller.Region}.");
            }
            var endpoint = new GatewayLoadBalancerEndpoint { Id = ids.ResourceId("vpce"), VpcId = subnet.VpcId, SubnetId = subnet.Id, ServiceLoadBalancerArn = service, PrivateIpAddress = new SubnetAddresses(context.Network, subnet).TakeIpv4() ?? "" };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "vpc-endpoint", endpoint.Id), $"Gateway Load Balancer endpoint {endpoint.Id} created in {subnet.Name}.", () =>
            {
                context.Db.GatewayLoadBalancerEndpoints.Add(endpoint);
                return endpoint;
            }));
        });

    public Task<OperationResult<string>> DeleteGatewayLoadBalancerEndpointAsync(Ec2Caller caller, string endpointId) =>
        changes.RunAsync(caller, "ec2:DeleteVpcEndpoints", context =>
        {
            if (!context.Network.Endpoints.TryGetValue(endpointId, out var endpoint) || OwnVpc(context, endpoint.VpcId) is null)
            {
                return Task.FromResult(context.NotFound<string>($"No endpoint '{endpointId}' in account {caller.AccountId}, {caller.Region}.", "InvalidVpcEndpointId.NotFound"));
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "vpc-endpoint", endpoint.Id), $"Endpoint {endpoint.Id} deleted.", () =>
            {
                context.Db.GatewayLoadBalancerEndpoints.Remove(context.Db.GatewayLoadBalancerEndpoints.Find(endpoint.Id)!);
                return endpoint.Id;
            }));
        });

    private static List<string> Listeners(FieldErrors errors, IEnumerable<string> texts)
    {
        var listeners = new List<string>();
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (ListenerText.Parse(text) is { } listener)
            {
                listeners.Add(listener.ToString());
            }
            else
            {
                errors.Add("listeners", $"'{text}' is not a listener such as \"UDP 4789\" (protocol {string.Join(", ", ListenerText.Protocols)} and a port 1-65535).");
            }
        }
        if (listeners.Distinct().Count() != listeners.Count)
        {
            errors.Add("listeners", "Each listener (protocol and port) is listed once.");
        }
        return listeners.Distinct().ToList();
    }

    private static List<string> Appliances(ChangeContext context, string vpcId, IEnumerable<string> instanceIds)
    {
        var ids = instanceIds.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().ToList();
        foreach (var id in ids)
        {
            if (!context.Network.Instances.TryGetValue(id, out var instance) || context.Network.VpcOfSubnet(instance.SubnetId)?.Id != vpcId)
            {
                context.Errors.Add("applianceInstanceIds", $"'{id}' is not an instance in the load balancer's VPC.");
            }
        }
        return ids;
    }
}
