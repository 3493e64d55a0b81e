using MirrorTower.Portal.Features.Mirroring.Network;

namespace MirrorTower.Portal.Features.Mirroring.Pages;

/// <summary>
/// Places the hub and spoke on a canvas: VPCs that hold targets in the middle, the others on an ellipse around them,
/// ENIs as dots inside their VPC, targets as boxes, and the lines for peerings, transit gateways and sessions.
/// </summary>
public sealed class TopologyLayout
{
    public const double Width = 1100, Height = 600, BoxWidth = 230, BoxHeight = 120;

    public sealed record VpcBox(string Id, string Name, string Account, string Cidr, double X, double Y, bool Hub);

    public sealed record EniDot(string Id, string Label, double X, double Y, string State, string Tooltip);

    public sealed record TargetBox(string Id, string Label, double X, double Y, bool Warning, string Tooltip);

    public sealed record Line(double X1, double Y1, double X2, double Y2, string Kind, string Tooltip);

    public List<VpcBox> Vpcs { get; } = [];
    public List<EniDot> Enis { get; } = [];
    public List<TargetBox> Targets { get; } = [];
    public List<Line> Links { get; } = [];
    public List<Line> Sessions { get; } = [];
    public List<(string Id, double X, double Y)> Gateways { get; } = [];

    public static TopologyLayout Build(MirroringOverview overview, NetworkModelView network)
    {
        var layout = new TopologyLayout();
        var hubVpcs = overview.Targets.Select(t => t.VpcId).OfType<string>().ToHashSet();
        var hubs = network.Vpcs.Where(v => hubVpcs.Contains(v.Vpc.Id)).ToList();
        var spokes = network.Vpcs.Where(v => !hubVpcs.Contains(v.Vpc.Id)).ToList();
        for (var i = 0; i < hubs.Count; i++)
        {
            var x = (Width / 2) + ((i - ((hubs.Count - 1) / 2.0)) * (BoxWidth + 30));
            layout.Vpcs.Add(Box(hubs[i], x, Height / 2, hub: true));
        }
        for (var i = 0; i < spokes.Count; i++)
        {
            var angle = (-Math.PI / 2) + (2 * Math.PI * i / Math.Max(1, spokes.Count));
            layout.Vpcs.Add(Box(spokes[i], (Width / 2) + (Math.Cos(angle) * 400), (Height / 2) + (Math.Sin(angle) * 200), hub: false));
        }
        var boxes = layout.Vpcs.ToDictionary(b => b.Id);

        foreach (var group in overview.Enis.GroupBy(e => e.VpcId))
        {
            if (!boxes.TryGetValue(group.Key, out var box))
            {
                continue;
            }
            var index = 0;
            foreach (var eni in group)
            {
                var state = eni.IsTarget || eni.IsAppliance ? "target" : eni.Sessions.Count > 0 ? "mirrored" : eni.EligibleSource ? "blind" : "ineligible";
                var tooltip = $"{eni.Label} · {eni.PrivateIp} · {eni.InstanceType ?? "no instance"} · {state}"
                    + string.Concat(eni.Sessions.Select(s => $"\nsession {s.Session.SessionNumber} → {s.TargetLabel}"));
                layout.Enis.Add(new EniDot(eni.EniId, eni.InstanceName ?? eni.EniId[..8], box.X - (BoxWidth / 2) + 28 + ((index % 4) * 56), box.Y + 4 + ((index / 4) * 30), state, tooltip));
                index++;
            }
        }
        foreach (var target in overview.Targets)
        {
            if (target.Target.NetworkInterfaceId is { } eniId && layout.Enis.FirstOrDefault(e => e.Id == eniId) is { } dot)
            {
                layout.Targets.Add(new TargetBox(target.Target.Id, "ENI target", dot.X, dot.Y, target.Warnings.Count > 0, Tooltip(target)));
            }
            else if (target.VpcId is { } vpc && boxes.TryGetValue(vpc, out var box))
            {
                var offset = layout.Targets.Count(t => Math.Abs(t.Y - (box.Y - 22)) < 1 && Math.Abs(t.X - (box.X + 55)) < 200);
                layout.Targets.Add(new TargetBox(target.Target.Id, target.Resource, box.X + 55 - (offset * 70), box.Y - 22, target.Warnings.Count > 0, Tooltip(target)));
            }
        }
        foreach (var peering in network.VpcPeerings)
        {
            if (boxes.TryGetValue(peering.RequesterVpcId, out var a) && boxes.TryGetValue(peering.AccepterVpcId, out var b))
            {
                layout.Links.Add(new Line(a.X, a.Y, b.X, b.Y, "peering", $"VPC peering {peering.Id}"));
            }
        }
        foreach (var gateway in network.TransitGatewayAttachments.GroupBy(a => a.TransitGatewayId))
        {
            var attached = gateway.Select(a => boxes.GetValueOrDefault(a.VpcId)).OfType<VpcBox>().ToList();
            if (attached.Count == 0)
            {
                continue;
            }
            // Between the hub and the spokes it joins, so that it never sits on a VPC.
            var joined = attached.Where(b => !b.Hub).DefaultIfEmpty(attached[0]).ToList();
            var hub = attached.FirstOrDefault(b => b.Hub) ?? attached[0];
            var (gx, gy) = ((hub.X + joined.Average(b => b.X)) / 2, (hub.Y + joined.Average(b => b.Y)) / 2);
            layout.Gateways.Add((gateway.Key, gx, gy));
            layout.Links.AddRange(attached.Select(b => new Line(b.X, b.Y, gx, gy, "tgw", $"{gateway.Key} attachment")));
        }
        var targets = layout.Targets.ToDictionary(t => t.Id);
        foreach (var session in overview.Sessions)
        {
            if (layout.Enis.FirstOrDefault(e => e.Id == session.Session.NetworkInterfaceId) is { } from && targets.TryGetValue(session.Session.TargetId, out var to))
            {
                // Sessions of one ENI fan out a little, so that three to one target stay three lines.
                var fan = (session.Session.SessionNumber % 3 - 1) * 5;
                layout.Sessions.Add(new Line(from.X, from.Y, to.X + fan, to.Y + fan, $"session{Math.Min(session.Session.SessionNumber, 3)}",
                    $"{session.SourceName} session {session.Session.SessionNumber} ({session.Session.Id}) → {session.TargetLabel}, VNI {session.Session.VirtualNetworkId}"));
            }
        }
        return layout;
    }

    private static VpcBox Box(VpcView vpc, double x, double y, bool hub) => new(vpc.Vpc.Id, vpc.Vpc.Name, vpc.AccountName, vpc.Vpc.CidrBlock, x, y, hub);

    private static string Tooltip(TargetView target) =>
        $"{target.Target.Id} ({target.Target.Type}) · {target.SourceCount} source(s)" + string.Concat(target.Warnings.Select(w => "\n⚠ " + w.Message));
}
