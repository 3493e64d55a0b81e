using MirrorTower.Portal.Features.Mirroring.Ec2;
using Microsoft.AspNetCore.Components;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.Mirroring.Network.Pages;

public partial class NetworkPage
{
    protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Network, ChangeArea.Organization };

    private NetworkModelView? _model;
    private IReadOnlyList<AccountView> _accounts = [];
    private IOperationOutcome? _result;
    private string? _accountId, _region = "eu-west-1";
    private string? _vpcName, _vpcCidr, _subnetVpc, _subnetName, _subnetCidr, _zone, _instanceSubnet, _instanceName, _instanceType = "m6i.large";
    private string? _peerFrom, _peerTo, _attachVpc, _gateway, _subnetIpv6;
    private bool _vpcIpv6;

    [Inject] private NetworkService Network { get; set; } = default!;
    [Inject] private NetworkQueries Queries { get; set; } = default!;
    [Inject] private OrganizationService Organization { get; set; } = default!;

    private IReadOnlyList<VpcView> OwnVpcs => _model?.Vpcs.Where(v => v.Vpc.AccountId == _accountId && v.Vpc.Region == _region).ToList() ?? [];

    protected override async Task LoadAsync()
    {
        _model = await Queries.ModelAsync();
        _accounts = (await Organization.GetTreeAsync()).Accounts;
    }

    private string? SubnetVpcIpv6 => _model?.Vpcs.FirstOrDefault(v => v.Vpc.Id == _subnetVpc)?.Vpc.Ipv6CidrBlock;

    private string VpcName(string id) => _model?.Vpcs.FirstOrDefault(v => v.Vpc.Id == id)?.Vpc.Name ?? id;

    /// <summary>
    /// Runs one change as the signed-in user in the given account and Region, and shows its answer. The panels call
    /// this too, and Blazor re-renders only the component whose event ran, so the page asks for its own render.
    /// </summary>
    private async Task RunAsync<T>(string accountId, string region, Func<Ec2Caller, Task<OperationResult<T>>> change)
    {
        _result = await change(Ec2Caller.ForUser(await ActorAsync(), accountId, region, CanDesign));
        StateHasChanged();
    }

    private async Task DeleteVpcAsync(VpcView vpc)
    {
        if (await ConfirmAsync($"Delete VPC {vpc.Vpc.Name}?", "Its subnets go with it; instances, interfaces and load balancers in it must be deleted first.", "Delete"))
        {
            await RunAsync(vpc.Vpc.AccountId, vpc.Vpc.Region, c => Network.DeleteVpcAsync(c, vpc.Vpc.Id));
        }
    }

    private async Task TerminateAsync(InstanceView instance)
    {
        if (await ConfirmAsync($"Terminate {instance.Instance.Name}?", "Its primary interface goes with it; sessions mirroring it must be deleted first.", "Terminate"))
        {
            await RunAsync(instance.AccountId, instance.Region, c => Network.TerminateInstanceAsync(c, instance.Instance.Id));
        }
    }

    private Task Here<T>(Func<Ec2Caller, Task<OperationResult<T>>> change) => RunAsync(_accountId ?? "", _region ?? "", change);

    private Task CreateVpcAsync() => Here(c => Network.CreateVpcAsync(c, new NewVpc(_vpcName, _vpcCidr, _vpcIpv6 ? true : null)));

    private Task CreateSubnetAsync() => Here(c => Network.CreateSubnetAsync(c, new NewSubnet(_subnetVpc, _subnetName, _subnetCidr, _zone, _subnetIpv6)));

    private Task RunInstanceAsync() => Here(c => Network.RunInstanceAsync(c, new NewInstance(_instanceSubnet, _instanceName, _instanceType)));

    private Task PeerAsync() => Here(c => Network.CreateVpcPeeringAsync(c, new NewVpcPeering(_peerFrom, _peerTo)));

    private Task AttachAsync() => Here(c => Network.AttachToTransitGatewayAsync(c, new NewTransitGatewayAttachment(_gateway, _attachVpc)));
}
