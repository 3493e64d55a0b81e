using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

public sealed partial class NetworkService
{
    /// <summary>Launches an instance with its primary network interface (device index 0) in the subnet.</summary>
    public Task<OperationResult<Instance>> RunInstanceAsync(Ec2Caller caller, NewInstance request) =>
        changes.RunAsync(caller, "ec2:RunInstances", context =>
        {
            if (OwnSubnet(context, request.SubnetId) is not { } subnet)
            {
                return Task.FromResult(context.NotFound<Instance>($"No subnet '{request.SubnetId}' in account {caller.AccountId}, {caller.Region}.", "InvalidSubnetID.NotFound"));
            }
            var name = Required(context.Errors, "name", request.Name);
            var type = request.InstanceType?.Trim().ToLowerInvariant() ?? "";
            if (InstanceBandwidth.BitsPerSecond(type) is null)
            {
                context.Errors.Add("instanceType", $"'{request.InstanceType}' is not an instance type such as m6i.large (family.size).");
            }
            var instance = new Instance { Id = ids.ResourceId("i"), SubnetId = subnet.Id, InstanceType = type, Name = name };
            var eniId = ids.ResourceId("eni");
            var (address, ipv6) = InterfaceAddresses(context, subnet, eniId, null, null, request.Ipv6AddressCount);
            var eni = new NetworkInterface
            {
                Id = eniId, SubnetId = subnet.Id, PrivateIpAddress = address ?? "", Ipv6Addresses = ipv6, InstanceId = instance.Id, Description = $"Primary network interface of {name}",
            };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "instance", instance.Id), $"Instance {name} ({type}) launched with {eni.Id} at {AddressText(eni)}.", () =>
            {
                context.Db.Instances.Add(instance);
                context.Db.NetworkInterfaces.Add(eni);
                return instance;
            }));
        });

    /// <summary>Terminates an instance: its interfaces go with it, and so do their mirror sessions (as in AWS).</summary>
    public Task<OperationResult<string>> TerminateInstanceAsync(Ec2Caller caller, string instanceId) =>
        changes.RunAsync(caller, "ec2:TerminateInstances", context =>
        {
            if (!context.Network.Instances.TryGetValue(instanceId, out var instance) || OwnSubnet(context, instance.SubnetId) is null)
            {
                return Task.FromResult(context.NotFound<string>($"No instance '{instanceId}' in account {caller.AccountId}, {caller.Region}.", "InvalidInstanceID.NotFound"));
            }
            RefuseWhileTarget(context, context.Network.Enis.Values.Where(e => e.InstanceId == instance.Id), "instanceId");
            var sessions = context.Network.Sessions.Values.Count(s => context.Network.Enis.GetValueOrDefault(s.NetworkInterfaceId)?.InstanceId == instance.Id);
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "instance", instance.Id), $"Instance {instance.Name} terminated; {sessions} mirror session(s) of its interfaces deleted.", () =>
            {
                context.Db.Instances.Remove(context.Db.Instances.Find(instance.Id)!);
                return instance.Id;
            }));
        });

    public Task<OperationResult<NetworkInterface>> CreateNetworkInterfaceAsync(Ec2Caller caller, NewNetworkInterface request) =>
        changes.RunAsync(caller, "ec2:CreateNetworkInterface", context =>
        {
            if (OwnSubnet(context, request.SubnetId) is not { } subnet)
            {
                return Task.FromResult(context.NotFound<NetworkInterface>($"No subnet '{request.SubnetId}' in account {caller.AccountId}, {caller.Region}.", "InvalidSubnetID.NotFound"));
            }
            var deviceIndex = 0;
            if (!string.IsNullOrWhiteSpace(request.InstanceId))
            {
                if (!context.Network.Instances.TryGetValue(request.InstanceId.Trim(), out var instance) || context.Network.VpcOfSubnet(instance.SubnetId)?.Id != subnet.VpcId)
                {
                    context.Errors.Add("instanceId", $"'{request.InstanceId}' is not an instance in the subnet's VPC.");
                }
                else
                {
                    deviceIndex = context.Network.Enis.Values.Count(e => e.InstanceId == instance.Id);
                }
            }
            var eniId = ids.ResourceId("eni");
            var (address, ipv6) = InterfaceAddresses(context, subnet, eniId, request.PrivateIpAddress, request.Ipv6Addresses, request.Ipv6AddressCount);
            context.Errors.CheckText("description", request.Description);
            if (request.Description?.Length > 255)
            {
                context.Errors.Add("description", "The description is at most 255 characters.");
            }
            var eni = new NetworkInterface
            {
                Id = eniId, SubnetId = subnet.Id, PrivateIpAddress = address ?? "", Ipv6Addresses = ipv6, Description = request.Description?.Trim() ?? "",
                InstanceId = string.IsNullOrWhiteSpace(request.InstanceId) ? null : request.InstanceId.Trim(), DeviceIndex = deviceIndex,
            };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "network-interface", eni.Id), $"Network interface {eni.Id} created at {AddressText(eni)}.", () =>
            {
                context.Db.NetworkInterfaces.Add(eni);
                return eni;
            }));
        });

    /// <summary>Deletes an ENI and, as the reference says, every session that mirrors it.</summary>
    public Task<OperationResult<string>> DeleteNetworkInterfaceAsync(Ec2Caller caller, string eniId) =>
        changes.RunAsync(caller, "ec2:DeleteNetworkInterface", context =>
        {
            if (!context.Network.Enis.TryGetValue(eniId, out var eni) || OwnSubnet(context, eni.SubnetId) is null)
            {
                return Task.FromResult(context.NotFound<string>($"No network interface '{eniId}' in account {caller.AccountId}, {caller.Region}.", "InvalidNetworkInterfaceID.NotFound"));
            }
            if (eni.InstanceId is not null && eni.DeviceIndex == 0)
            {
                context.Errors.Add("networkInterfaceId", $"{eni.Id} is the primary interface of {eni.InstanceId}: terminate the instance instead.");
            }
            RefuseWhileTarget(context, [eni], "networkInterfaceId");
            var sessions = context.Network.Sessions.Values.Count(s => s.NetworkInterfaceId == eni.Id);
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "network-interface", eni.Id), $"Network interface {eni.Id} deleted with its {sessions} mirror session(s).", () =>
            {
                context.Db.NetworkInterfaces.Remove(context.Db.NetworkInterfaces.Find(eni.Id)!);
                return eni.Id;
            }));
        });

    /// <summary>
    /// An interface's addresses as CreateNetworkInterface assigns them: the given private IPv4 address or the next free
    /// one; the given IPv6 addresses, or that many assigned ones, or (in a dual-stack subnet, like a subnet with
    /// AssignIpv6AddressOnCreation) one assigned address.
    /// </summary>
    private static (string? Ipv4, List<NetworkInterfaceIpv6Address> Ipv6) InterfaceAddresses(ChangeContext context, Subnet subnet, string eniId,
        string? privateIpAddress, IReadOnlyList<string>? ipv6Addresses, int? ipv6AddressCount)
    {
        var addresses = new SubnetAddresses(context.Network, subnet);
        var errors = context.Errors;
        string? ipv4;
        if (string.IsNullOrWhiteSpace(privateIpAddress))
        {
            ipv4 = addresses.TakeIpv4();
            if (ipv4 is null)
            {
                errors.Add("subnetId", $"Subnet {subnet.Name} has no free address left.");
            }
        }
        else
        {
            ipv4 = addresses.TakeExplicit(errors, "privateIpAddress", privateIpAddress, ipv6: false);
        }

        var ipv6 = new List<string>();
        if (ipv6Addresses is { Count: > 0 } && ipv6AddressCount is not null)
        {
            errors.Add("ipv6AddressCount", "Give either ipv6Addresses or ipv6AddressCount, not both.");
        }
        else if (ipv6Addresses is { Count: > 0 })
        {
            if (ipv6Addresses.Count > SubnetAddresses.MaxIpv6PerInterface)
            {
                errors.Add("ipv6Addresses", $"An interface holds at most {SubnetAddresses.MaxIpv6PerInterface} IPv6 addresses.");
            }
            else
            {
                ipv6.AddRange(ipv6Addresses.Select((a, i) => addresses.TakeExplicit(errors, $"ipv6Addresses[{i}]", a, ipv6: true)).OfType<string>());
            }
        }
        else if (ipv6AddressCount is < 0 or > SubnetAddresses.MaxIpv6PerInterface)
        {
            errors.Add("ipv6AddressCount", $"The IPv6 address count runs from 0 to {SubnetAddresses.MaxIpv6PerInterface}.");
        }
        else if (ipv6AddressCount > 0 && !addresses.HasIpv6)
        {
            errors.Add("ipv6AddressCount", $"Subnet {subnet.Name} has no IPv6 block, so it has no IPv6 address to give.");
        }
        else if (addresses.HasIpv6)
        {
            for (var i = 0; i < (ipv6AddressCount ?? 1); i++)
            {
                if (addresses.TakeIpv6() is { } next)
                {
                    ipv6.Add(next);
                }
                else
                {
                    errors.Add("ipv6AddressCount", $"Subnet {subnet.Name} has no free IPv6 address left.");
                    break;
                }
            }
        }
        return (ipv4, [.. ipv6.Select(a => new NetworkInterfaceIpv6Address { Address = a, NetworkInterfaceId = eniId })]);
    }

    private static string AddressText(NetworkInterface eni) =>
        eni.Ipv6Addresses.Count == 0 ? eni.PrivateIpAddress : $"{eni.PrivateIpAddress} and {string.Join(", ", eni.Ipv6Addresses.Select(a => a.Address))}";

    private static void RefuseWhileTarget(ChangeContext context, IEnumerable<NetworkInterface> enis, string field)
    {
        foreach (var eni in enis)
        {
            if (context.Network.Targets.Values.FirstOrDefault(t => t.NetworkInterfaceId == eni.Id) is { } target)
            {
                context.Errors.Add(field, $"{eni.Id} is traffic mirror target {target.Id}: delete the target first.");
            }
        }
    }
}
