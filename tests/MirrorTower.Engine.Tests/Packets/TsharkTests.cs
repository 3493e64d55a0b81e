using System.Diagnostics;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;
using static MirrorTower.Engine.Tests.Simulation.SimulationFixture;

namespace MirrorTower.Engine.Tests.Packets;

/// <summary>
/// The mirrored capture read back by Debian's tshark (installed by .ci/run), field by field: what Wireshark users
/// will see when they open a target's pcap with <c>-d udp.port==4789,vxlan</c>.
/// </summary>
public sealed class TsharkTests
{
    private const string Tshark = "/usr/bin/tshark";

    [Fact]
    public async Task TsharkDecodesTheVniAndTheOriginalInnerPacketOfEveryCopy()
    {
        Assert.True(File.Exists(Tshark), $"Debian's tshark is missing at {Tshark}: install it with 'apt-get install -y tshark' (.ci/run does).");
        var simulator = Simulator([Session(1, vni: 4242, packetLength: 200)], [AcceptAll], [Nlb(Appliance(1), Appliance(2))]);
        var generator = new TrafficGenerator(new ScenarioSpec(Scenario.WebTier, 1000, 0.1, 3), simulator.Setup.Enis, 1_700_000_000_000_000_000L);
        var path = Path.Combine(Path.GetTempPath(), $"mirrortower-{Guid.NewGuid():N}.pcap");
        var expected = new List<(string InnerDestination, ushort SourcePort, ushort DestinationPort, int InnerLength)>();
        var frame = new byte[9001];
        var copy = new byte[9100];
        await using (var file = File.Create(path))
        using (var writer = new PcapWriter(file))
        {
            while (generator.TryNext(out var packet))
            {
                var length = TrafficGenerator.WriteFrame(frame, packet);
                var result = simulator.Process(packet.Eni, packet.Facts, length, packet.TimeNanoseconds);
                if (result.Outcome == SimOutcome.Mirrored)
                {
                    writer.Write(packet.TimeNanoseconds, copy.AsSpan(0, simulator.WriteCopy(copy, frame.AsSpan(0, length), packet.Eni, result)));
                    expected.Add((Ip(packet.Facts.Destination), packet.Facts.SourcePort, packet.Facts.DestinationPort, Math.Min(length, 200)));
                }
            }
        }

        var lines = await RunAsync("-r", path, "-d", "udp.port==4789,vxlan", "-T", "fields", "-E", "separator=|",
            "-e", "ip.src", "-e", "udp.dstport", "-e", "vxlan.vni", "-e", "ip.dst", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "frame.len");
        File.Delete(path);

        Assert.Equal(100, expected.Count);
        Assert.Equal(expected.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            // ip.src and ip.dst list the outer header, then the inner one.
            var fields = lines[i].Split('|');
            Assert.Equal("10.1.1.10", fields[0].Split(',')[0]);
            Assert.Equal("4789", fields[1].Split(',')[0]);
            Assert.Equal("4242", fields[2]);
            Assert.Equal(["10.0.1.250", expected[i].InnerDestination], fields[3].Split(','));
            Assert.Equal($"{expected[i].SourcePort}", fields[4]);
            Assert.Equal($"{expected[i].DestinationPort}", fields[5]);
            Assert.Equal($"{expected[i].InnerLength + Vxlan.HeaderBytes}", fields[6]);
        }
    }

    [Fact]
    public async Task ACopyToAGatewayLoadBalancerEndpointArrivesInGeneveAroundTheVxlanCopy()
    {
        var endpoint = new SimTarget("tmt-gwlbe", "vpce", TargetType.GatewayLoadBalancerEndpoint, Address("10.0.2.9"), [Appliance(1), Appliance(2)]);
        var simulator = Simulator([Session(1, target: "tmt-gwlbe", vni: 77)], [AcceptAll], [endpoint]);
        var frame = new byte[300];
        var length = FrameBuilder.WriteIpv4(frame, Address("203.0.113.9"), EniAddress, Protocols.Tcp, 40000, 443, 300);
        var result = simulator.Process(0, Inbound("203.0.113.9"), length, 0);
        var copy = new byte[2048];
        var path = Path.Combine(Path.GetTempPath(), $"mirrortower-{Guid.NewGuid():N}.pcap");
        await using (var file = File.Create(path))
        using (var writer = new PcapWriter(file))
        {
            writer.Write(1_700_000_000_000_000_000L, copy.AsSpan(0, simulator.WriteCopy(copy, frame, 0, result)));
        }

        var line = Assert.Single(await RunAsync("-r", path, "-d", "udp.port==4789,vxlan", "-T", "fields", "-E", "separator=|",
            "-e", "udp.dstport", "-e", "geneve.vni", "-e", "vxlan.vni", "-e", "ip.dst", "-e", "tcp.dstport"));
        File.Delete(path);

        var fields = line.Split('|');
        Assert.Equal(["6081", "4789"], fields[0].Split(',')[..2]);
        Assert.Equal(77, Convert.ToInt32(fields[1], 16)); // tshark prints GENEVE's VNI in hex
        Assert.Equal("77", fields[2]);
        Assert.Equal([$"10.0.1.{11 + result.ApplianceIndex}", "10.0.2.9", "10.1.1.10"], fields[3].Split(','));
        Assert.Equal("443", fields[4]);
    }

    /// <summary>An IPv6 packet's copy: IPv4 outside (the source's primary address), the original IPv6 frame inside, the TCP ports intact.</summary>
    [Fact]
    public async Task TsharkDecodesAnIpv6InnerPacketInsideTheVxlanCopy()
    {
        var eniV6 = Cidr.ToNumber(System.Net.IPAddress.Parse("2600:1f18:4c1:a01::a"));
        var client = Cidr.ToNumber(System.Net.IPAddress.Parse("2001:db8::9"));
        var v6Rules = new MirrorFilter("tmf-all", [new FilterRule(TrafficDirection.Ingress, 100, RuleAction.Accept, null, "::/0", "::/0")]);
        var simulator = new MirrorSimulator(new SimulationSetup([new SimEni("eni-src", "web-1", EniAddress, "i-web1", 10_000_000_000, VpcDns, [eniV6])],
            [Session(1, vni: 606)], new Dictionary<string, MirrorFilter> { ["tmf-all"] = v6Rules }, [Nlb(Appliance(1))]));
        var frame = new byte[400];
        var length = FrameBuilder.WriteIpv6(frame, client, eniV6, Protocols.Tcp, 40000, 443, 400);
        var result = simulator.Process(0, new PacketFacts(TrafficDirection.Ingress, true, client, eniV6, Protocols.Tcp, 40000, 443), length, 0);
        var copy = new byte[2048];
        var path = Path.Combine(Path.GetTempPath(), $"mirrortower-{Guid.NewGuid():N}.pcap");
        await using (var file = File.Create(path))
        using (var writer = new PcapWriter(file))
        {
            writer.Write(1_700_000_000_000_000_000L, copy.AsSpan(0, simulator.WriteCopy(copy, frame, 0, result)));
        }

        var line = Assert.Single(await RunAsync("-r", path, "-d", "udp.port==4789,vxlan", "-T", "fields", "-E", "separator=|",
            "-e", "ip.src", "-e", "vxlan.vni", "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "tcp.dstport"));
        File.Delete(path);

        Assert.Equal(SimOutcome.Mirrored, result.Outcome);
        Assert.Equal(["10.1.1.10", "606", "2001:db8::9", "2600:1f18:4c1:a01::a", "443"], line.Split('|'));
    }

    private static string Ip(UInt128 address) => new System.Net.IPAddress(BitConverter.GetBytes((uint)address).Reverse().ToArray()).ToString();

    private static async Task<List<string>> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Tshark) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
