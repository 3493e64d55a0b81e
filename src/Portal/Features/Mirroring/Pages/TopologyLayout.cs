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

    public sealed record Line(double X1, double Y1, double X2, double Y2, string Kind, string Tooltip)
    {
        /// <summary>Where a curved line bends toward (a session bows away from the straight path, each number further).</summary>
        public (double X, double Y)? Bend { get; init; }
    }

    public List<VpcBox> Vpcs { get; } = [];
    public List<EniDot> Enis { get; } = [];
    public List<TargetBox> Targets { get; } = [];
    public List<Line> Links { get; } = [];
    public List<Line> Sessions { get; } = [];
    public List<(string Id, double X, double Y)> Gateways { get; } = [];

    /// <summary>The drawing's bounds with a margin: the SVG shows what is there, not a fixed canvas with empty bands.</summary>
    public string ViewBox { get; private set; } = $"0 0 {Width} {Height}";

    private const int EnisPerRow = 3;
    private const double EniSpacing = 70;

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
                var state = eni.IsTarget || eni.IsAppliance ? "appliance" : eni.Sessions.Count > 0 ? "mirrored" : eni.EligibleSource ? "blind" : "ineligible";
                var tooltip = $"{eni.Label} · {eni.PrivateIp} · {eni.InstanceType ?? "no instance"} · {state}"
                    + string.Concat(eni.Sessions.Select(s => $"\nsession {s.Session.SessionNumber} → {s.TargetLabel}"));
                layout.Enis.Add(new EniDot(eni.EniId, eni.InstanceName ?? eni.EniId[..8], box.X - (BoxWidth / 2) + 40 + ((index % EnisPerRow) * EniSpacing), box.Y + 4 + ((index / EnisPerRow) * 30), state, tooltip));
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
            var (gx, gy) = OutsideBoxes(layout.Vpcs, hub.X, hub.Y, joined.Average(b => b.X) - hub.X, joined.Average(b => b.Y) - hub.Y);
            layout.Gateways.Add((gateway.Key, gx, gy));
            layout.Links.AddRange(attached.Select(b => new Line(b.X, b.Y, gx, gy, "tgw", $"{gateway.Key} attachment")));
        }
        var targets = layout.Targets.ToDictionary(t => t.Id);
        foreach (var session in overview.Sessions)
        {
            if (layout.Enis.FirstOrDefault(e => e.Id == session.Session.NetworkInterfaceId) is { } from && targets.TryGetValue(session.Session.TargetId, out var to))
            {
                // A session bows to one side of the straight path, further for each number: three sessions from one ENI to
                // one target stay three lines, and a line leaves the boxes it would otherwise run along.
                var (dx, dy) = (to.X - from.X, to.Y - from.Y);
                var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
                var bow = 24 + (18 * (Math.Min(session.Session.SessionNumber, 6) - 1));
                layout.Sessions.Add(new Line(from.X, from.Y, to.X, to.Y, $"session{Math.Min(session.Session.SessionNumber, 3)}",
                    $"{session.SourceName} session {session.Session.SessionNumber} ({session.Session.Id}) → {session.TargetLabel}, VNI {session.Session.VirtualNetworkId}")
                {
                    Bend = (from.X + (dx / 2) - (dy / length * bow), from.Y + (dy / 2) + (dx / length * bow)),
                });
            }
        }
        layout.ViewBox = Bounds(layout);
        return layout;
    }

    /// <summary>
    /// A point on the way from the hub toward its spokes, just past every VPC box: a transit gateway drawn inside the
    /// hub's box was hidden by it (issue #19, finding 7).
    /// </summary>
    private static (double X, double Y) OutsideBoxes(IReadOnlyList<VpcBox> boxes, double x, double y, double dx, double dy)
    {
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        (dx, dy) = length < 1 ? (0, 1) : (dx / length, dy / length);
        const double Margin = 26;
        for (var step = 0; step < 100; step++)
        {
            var (px, py) = (x + (dx * step * 8), y + (dy * step * 8));
            if (boxes.All(b => Math.Abs(px - b.X) > (BoxWidth / 2) + Margin || Math.Abs(py - b.Y) > (BoxHeight / 2) + Margin))
            {
                return (px, py);
            }
        }
        return (x, y + (BoxHeight / 2) + Margin);
    }

    private static string Bounds(TopologyLayout layout)
    {
        var xs = layout.Vpcs.SelectMany(b => new[] { b.X - (BoxWidth / 2), b.X + (BoxWidth / 2) }).Concat(layout.Gateways.SelectMany(g => new[] { g.X - 20, g.X + 20 }))
            .Concat(layout.Sessions.Select(l => l.Bend?.X ?? l.X1)).DefaultIfEmpty(0).ToList();
        var ys = layout.Vpcs.SelectMany(b => new[] { b.Y - (BoxHeight / 2), b.Y + (BoxHeight / 2) }).Concat(layout.Gateways.SelectMany(g => new[] { g.Y - 20, g.Y + 20 }))
            .Concat(layout.Sessions.Select(l => l.Bend?.Y ?? l.Y1)).DefaultIfEmpty(0).ToList();
        const double Margin = 12;
        var (left, top) = (xs.Min() - Margin, ys.Min() - Margin);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{left:0} {top:0} {xs.Max() + Margin - left:0} {ys.Max() + Margin - top:0}");
    }

    private static VpcBox Box(VpcView vpc, double x, double y, bool hub) => new(vpc.Vpc.Id, vpc.Vpc.Name, vpc.AccountName, vpc.Vpc.CidrBlock, x, y, hub);

    private static string Tooltip(TargetView target) =>
        $"{target.Target.Id} ({target.Target.Type}) · {target.SourceCount} source(s)" + string.Concat(target.Warnings.Select(w => "\n⚠ " + w.Message));
}
