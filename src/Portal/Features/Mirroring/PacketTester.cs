using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Mirroring.Network;

namespace MirrorTower.Portal.Features.Mirroring;

/// <summary>A packet to try against an ENI's sessions: its direction, protocol, the peer's address (IPv4 or IPv6) and the two ports.</summary>
public sealed record PacketTestRequest(string? Direction, string? Protocol, string? PeerAddress, int? PeerPort, int? EniPort);

/// <summary>What the sessions would do with it, session by session, and where the copy would go.</summary>
public sealed record PacketTestResult(string Outcome, int? SessionNumber, int? RuleNumber, string? Target, string Flow, IReadOnlyList<SessionStep> Steps);

/// <summary>
/// Answers the question AWS leaves open before deploying a filter: would this packet be mirrored, by which rule of which
/// session, and to which target? Judged by the same judge as the simulation, on the configuration as it is now.
/// </summary>
public sealed class PacketTester(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<OperationResult<PacketTestResult>> TestAsync(string eniId, PacketTestRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var network = await NetworkSnapshot.LoadAsync(db, cancellationToken);
        if (!network.Enis.TryGetValue(eniId, out var eni) || network.VpcOfEni(eni) is not { } vpc)
        {
            return OperationResult<PacketTestResult>.NotFound($"No network interface has the id '{eniId}'.");
        }
        var errors = new FieldErrors();
        if (!RuleMapping.TryDirection(request.Direction, out var direction))
        {
            errors.Add("direction", "The direction is 'ingress' (to the ENI) or 'egress' (from it).");
        }
        if (!Protocols.TryParse(request.Protocol, out var protocol) || protocol is null)
        {
            errors.Add("protocol", $"'{request.Protocol}' is not a protocol: give a name (tcp, udp, icmp) or a number from 0 to 255.");
        }
        // The peer's family picks the ENI's address: its private IPv4 address, or its first IPv6 address.
        var ownIpv6 = eni.Ipv6Addresses.Select(a => a.Address).Order(StringComparer.Ordinal).FirstOrDefault();
        if (!IPAddress.TryParse(request.PeerAddress?.Trim(), out var peer) || request.PeerAddress.Trim().Contains('%'))
        {
            errors.Add("peerAddress", $"'{request.PeerAddress}' is not an IPv4 or IPv6 address.");
        }
        else if (peer.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && ownIpv6 is null)
        {
            errors.Add("peerAddress", $"{eni.Id} has no IPv6 address, so no IPv6 packet reaches it: give an IPv4 peer, or give the interface an IPv6 address.");
        }
        foreach (var (field, port) in new[] { ("peerPort", request.PeerPort), ("eniPort", request.EniPort) })
        {
            if (port is < 0 or > 65535)
            {
                errors.Add(field, "A port runs from 0 to 65535.");
            }
        }
        if (!errors.IsEmpty)
        {
            return OperationResult<PacketTestResult>.Invalid(errors);
        }

        var isV6 = peer!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var ownAddress = isV6 ? ownIpv6! : eni.PrivateIpAddress;
        var self = Cidr.ToNumber(IPAddress.Parse(ownAddress));
        var other = Cidr.ToNumber(peer);
        var (peerPort, eniPort) = ((ushort)(request.PeerPort ?? 0), (ushort)(request.EniPort ?? 0));
        var facts = (direction == TrafficDirection.Ingress
            ? new PacketFacts(direction, isV6, other, self, (byte)protocol!.Value, peerPort, eniPort)
            : new PacketFacts(direction, isV6, self, other, (byte)protocol!.Value, eniPort, peerPort)).Classified(Cidr.Parse(vpc.CidrBlock).Network + 2);
        var sessions = network.Sessions.Values.Where(s => s.NetworkInterfaceId == eniId).Select(NetworkSnapshot.ToEngine).ToList();
        var judge = new MirrorJudge(sessions, network.Filters.Values.ToDictionary(f => f.Id, network.ToEngine));
        var judgment = judge.Judge(facts);
        var session = sessions.FirstOrDefault(s => s.SessionNumber == judgment.SessionNumber && judgment.Outcome == Outcome.Mirrored);
        var target = session is null ? null : network.Targets.GetValueOrDefault(session.TargetId);
        string Endpoint(string address, int port) => isV6 ? $"[{address}]:{port}" : $"{address}:{port}";
        var flow = direction == TrafficDirection.Ingress
            ? $"{Protocols.Name(protocol)} {Endpoint(peer.ToString(), peerPort)} → {Endpoint(ownAddress, eniPort)}"
            : $"{Protocols.Name(protocol)} {Endpoint(ownAddress, eniPort)} → {Endpoint(peer.ToString(), peerPort)}";
        return OperationResult<PacketTestResult>.Success(new PacketTestResult(judgment.Outcome.ToString(), judgment.SessionNumber == 0 ? null : judgment.SessionNumber,
            judgment.RuleNumber == 0 ? null : judgment.RuleNumber, target is null ? null : $"{target.NetworkLoadBalancerArn?.Split('/')[^2] ?? target.NetworkInterfaceId ?? target.GatewayLoadBalancerEndpointId} ({target.Id})",
            flow, judge.Explain(facts)));
    }
}
