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
            var address = NextAddress(context, subnet);
            if (address is null)
            {
                context.Errors.Add("subnetId", $"Subnet {subnet.Name} has no free address left.");
            }
            var instance = new Instance { Id = ids.ResourceId("i"), SubnetId = subnet.Id, InstanceType = type, Name = name };
            var eni = new NetworkInterface { Id = ids.ResourceId("eni"), SubnetId = subnet.Id, PrivateIpAddress = address ?? "", InstanceId = instance.Id, Description = $"Primary network interface of {name}" };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "instance", instance.Id), $"Instance {name} ({type}) launched with {eni.Id} at {address}.", () =>
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
            var address = NextAddress(context, subnet);
            if (address is null)
            {
                context.Errors.Add("subnetId", $"Subnet {subnet.Name} has no free address left.");
            }
            context.Errors.CheckText("description", request.Description);
            if (request.Description?.Length > 255)
            {
                context.Errors.Add("description", "The description is at most 255 characters.");
            }
            var eni = new NetworkInterface
            {
                Id = ids.ResourceId("eni"), SubnetId = subnet.Id, PrivateIpAddress = address ?? "", Description = request.Description?.Trim() ?? "",
                InstanceId = string.IsNullOrWhiteSpace(request.InstanceId) ? null : request.InstanceId.Trim(), DeviceIndex = deviceIndex,
            };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "network-interface", eni.Id), $"Network interface {eni.Id} created at {address}.", () =>
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
