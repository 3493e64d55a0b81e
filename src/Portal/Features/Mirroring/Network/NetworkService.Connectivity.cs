using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

public sealed partial class NetworkService
{
    /// <summary>
    /// Peers one of the caller's VPCs with another VPC of the organization in the same Region. Cross-account
    /// peerings are accepted at once (MirrorTower models the organization, not the acceptance handshake).
    /// </summary>
    public Task<OperationResult<VpcPeering>> CreateVpcPeeringAsync(Ec2Caller caller, NewVpcPeering request) =>
        changes.RunAsync(caller, "ec2:CreateVpcPeeringConnection", context =>
        {
            if (OwnVpc(context, request.RequesterVpcId) is not { } requester)
            {
                return Task.FromResult(context.NotFound<VpcPeering>($"No VPC '{request.RequesterVpcId}' in account {caller.AccountId}, {caller.Region}.", "InvalidVpcID.NotFound"));
            }
            if (request.AccepterVpcId is null || !context.Network.Vpcs.TryGetValue(request.AccepterVpcId.Trim(), out var accepter) || accepter.Region != requester.Region)
            {
                context.Errors.Add("accepterVpcId", $"'{request.AccepterVpcId}' is not a VPC of the organization in {requester.Region}: peerings here are intra-Region.");
            }
            else if (accepter.Id == requester.Id)
            {
                context.Errors.Add("accepterVpcId", "A VPC cannot be peered with itself.");
            }
            else if (Cidr.Parse(accepter.CidrBlock).Overlaps(Cidr.Parse(requester.CidrBlock)))
            {
                context.Errors.Add("accepterVpcId", $"{accepter.Name} ({accepter.CidrBlock}) overlaps {requester.Name} ({requester.CidrBlock}): peered VPCs need distinct blocks.");
            }
            else if (context.Network.Peerings.Any(p => (p.RequesterVpcId, p.AccepterVpcId) == (requester.Id, accepter.Id) || (p.RequesterVpcId, p.AccepterVpcId) == (accepter.Id, requester.Id)))
            {
                context.Errors.Add("accepterVpcId", $"{requester.Name} and {accepter.Name} are already peered.");
            }
            var peering = new VpcPeering { Id = ids.ResourceId("pcx"), RequesterVpcId = requester.Id, AccepterVpcId = request.AccepterVpcId?.Trim() ?? "" };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "vpc-peering-connection", peering.Id), $"Peering {peering.Id} between {requester.Id} and {peering.AccepterVpcId}.", () =>
            {
                context.Db.VpcPeerings.Add(peering);
                return peering;
            }));
        });

    public Task<OperationResult<string>> DeleteVpcPeeringAsync(Ec2Caller caller, string peeringId) =>
        changes.RunAsync(caller, "ec2:DeleteVpcPeeringConnection", context =>
        {
            if (context.Network.Peerings.FirstOrDefault(p => p.Id == peeringId) is not { } peering
                || (OwnVpc(context, peering.RequesterVpcId) is null && OwnVpc(context, peering.AccepterVpcId) is null))
            {
                return Task.FromResult(context.NotFound<string>($"No peering '{peeringId}' of account {caller.AccountId}, {caller.Region}.", "InvalidVpcPeeringConnectionID.NotFound"));
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "vpc-peering-connection", peering.Id), $"Peering {peering.Id} deleted.", () =>
            {
                context.Db.VpcPeerings.Remove(context.Db.VpcPeerings.Find(peering.Id)!);
                return peering.Id;
            }));
        });

    /// <summary>Attaches a VPC to a transit gateway, by id (<c>tgw-…</c>); a new id creates the gateway, which is shared in the organization.</summary>
    public Task<OperationResult<TransitGatewayAttachment>> AttachToTransitGatewayAsync(Ec2Caller caller, NewTransitGatewayAttachment request) =>
        changes.RunAsync(caller, "ec2:CreateTransitGatewayVpcAttachment", context =>
        {
            if (OwnVpc(context, request.VpcId) is not { } vpc)
            {
                return Task.FromResult(context.NotFound<TransitGatewayAttachment>($"No VPC '{request.VpcId}' in account {caller.AccountId}, {caller.Region}.", "InvalidVpcID.NotFound"));
            }
            var gateway = string.IsNullOrWhiteSpace(request.TransitGatewayId) ? ids.ResourceId("tgw") : request.TransitGatewayId.Trim();
            if (!Engine.AwsIdentifiers.IsResourceId(gateway, "tgw"))
            {
                context.Errors.Add("transitGatewayId", $"'{request.TransitGatewayId}' is not a transit gateway id (tgw- and 17 hex digits); leave it empty to create one.");
            }
            else if (context.Network.Attachments.Any(a => a.TransitGatewayId == gateway && a.VpcId == vpc.Id))
            {
                context.Errors.Add("transitGatewayId", $"{vpc.Name} is already attached to {gateway}.");
            }
            else if (context.Network.Attachments.Where(a => a.TransitGatewayId == gateway).Select(a => context.Network.Vpcs.GetValueOrDefault(a.VpcId)).FirstOrDefault(v => v?.Region != vpc.Region) is { } elsewhere)
            {
                context.Errors.Add("transitGatewayId", $"{gateway} is in {elsewhere.Region}; a VPC attaches to a transit gateway of its own Region.");
            }
            var attachment = new TransitGatewayAttachment { Id = ids.ResourceId("tgw-attach"), TransitGatewayId = gateway, VpcId = vpc.Id };
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "transit-gateway-attachment", attachment.Id), $"{vpc.Name} attached to {gateway}.", () =>
            {
                context.Db.TransitGatewayAttachments.Add(attachment);
                return attachment;
            }));
        });

    public Task<OperationResult<string>> DetachFromTransitGatewayAsync(Ec2Caller caller, string attachmentId) =>
        changes.RunAsync(caller, "ec2:DeleteTransitGatewayVpcAttachment", context =>
        {
            if (context.Network.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } attachment || OwnVpc(context, attachment.VpcId) is null)
            {
                return Task.FromResult(context.NotFound<string>($"No attachment '{attachmentId}' in account {caller.AccountId}, {caller.Region}.", "InvalidTransitGatewayAttachmentID.NotFound"));
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "transit-gateway-attachment", attachment.Id), $"Attachment {attachment.Id} deleted.", () =>
            {
                context.Db.TransitGatewayAttachments.Remove(context.Db.TransitGatewayAttachments.Find(attachment.Id)!);
                return attachment.Id;
            }));
        });
}
