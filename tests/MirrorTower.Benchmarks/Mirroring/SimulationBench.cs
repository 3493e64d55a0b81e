using System.Diagnostics;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;

namespace MirrorTower.Benchmarks.Mirroring;

/// <summary>
/// `-- replay [packets] [scenario] [no-capture]`: a capture of that many frames of the scenario (web tier by default) replayed end to end through the engine's run code, as the portal runs it
/// (read the pcap, parse, judge, encapsulate, write the target's pcap), five times; prints packets per second.
/// `no-capture` skips writing the target's pcap, to separate the pipeline from the cost of writing new file pages.
/// `-- live [pps] [seconds]`: a scenario paced at real time, as the live page runs it; prints whether it keeps up and
/// how often it publishes a snapshot.
/// </summary>
public static class SimulationBench
{
    private static SimulationSetup Setup()
    {
        var filter = new MirrorFilter("tmf-web", [
            new FilterRule(TrafficDirection.Ingress, 100, RuleAction.Accept, Protocols.Tcp, "0.0.0.0/0", "10.1.0.0/16", null, new PortRange(443, 443)),
            new FilterRule(TrafficDirection.Ingress, 110, RuleAction.Accept, Protocols.Tcp, "0.0.0.0/0", "10.1.0.0/16", null, new PortRange(80, 80)),
            new FilterRule(TrafficDirection.Egress, 100, RuleAction.Accept, null, "0.0.0.0/0", "0.0.0.0/0"),
        ]);
        var appliances = Enumerable.Range(1, 3).Select(i => new SimAppliance($"i-ids{i}", $"ids-{i}", (10u << 24) | (1u << 8) | (uint)(10 + i), true)).ToList();
        return new SimulationSetup(
            [new SimEni("eni-web1", "web-1", (10u << 24) | (1u << 16) | (1u << 8) | 10, "i-web1", 100_000_000_000, (10u << 24) | (1u << 16) | 2)],
            [new MirrorSession("tms-1", "eni-web1", "tmt-nlb", "tmf-web", 1, 4242)],
            new Dictionary<string, MirrorFilter> { ["tmf-web"] = filter },
            [new SimTarget("tmt-nlb", "ids-nlb", TargetType.NetworkLoadBalancer, (10u << 24) | (1u << 8) | 250, appliances)]);
    }

    public static void Replay(int packets, Scenario scenario = Scenario.WebTier, bool writeCapture = true)
    {
        var directory = Directory.CreateTempSubdirectory("mirrortower-replay-bench").FullName;
        var capture = Path.Combine(directory, "input.pcap");
        var setup = Setup();
        using (var writer = new PcapWriter(new BufferedStream(File.Create(capture), 1 << 20)))
        {
            var generator = new TrafficGenerator(new ScenarioSpec(scenario, 1_000_000, packets / 1_000_000.0, 1), setup.Enis);
            var frame = new byte[9100];
            while (generator.TryNext(out var packet))
            {
                writer.Write(packet.TimeNanoseconds, frame.AsSpan(0, TrafficGenerator.WriteFrame(frame, packet)));
            }
        }
        Console.WriteLine($"Input: {packets:N0} {scenario} frames, {new FileInfo(capture).Length / 1e6:0} MB");
        var rates = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var output = Path.Combine(directory, $"out-{round}");
            Directory.CreateDirectory(output);
            var watch = Stopwatch.StartNew();
            // The capture reader reads a megabyte window itself: the file needs no buffer of its own.
            using var input = new FileStream(capture, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var run = new LiveRun($"rpl-{round}", "bench", RunKind.Replay, new MirrorSimulator(setup), new CaptureSource(CaptureReader.Open(input), setup.Enis[0]),
                0, 0, new CaptureDirectory(output), writeCapture ? int.MaxValue : 0, DateTime.UtcNow, TimeProvider.System);
            var final = run.Run(_ => { }, CancellationToken.None);
            watch.Stop();
            var written = File.Exists(Path.Combine(output, "tmt-nlb.pcap")) ? new FileInfo(Path.Combine(output, "tmt-nlb.pcap")).Length : 0;
            rates.Add(final.Report.Packets / watch.Elapsed.TotalSeconds);
            Console.WriteLine($"round {round + 1}: {final.Report.Packets:N0} packets in {watch.Elapsed.TotalMilliseconds:N0} ms = {rates[^1] / 1e6:0.00} M packets/s; " +
                $"{final.Report.ByOutcome["Mirrored"]:N0} mirrored, {written / 1e6:0} MB written");
            Directory.Delete(output, recursive: true);
        }
        rates.Sort();
        Console.WriteLine($"Median: {rates[2] / 1e6:0.00} M packets/s end to end (read, judge, encapsulate, write).");
        Directory.Delete(directory, recursive: true);
    }

    public static void Live(int packetsPerSecond, double seconds)
    {
        var directory = Directory.CreateTempSubdirectory("mirrortower-live-bench").FullName;
        var setup = Setup();
        var run = new LiveRun("sim-bench", "bench", RunKind.Scenario, new MirrorSimulator(setup),
            new ScenarioSource(new ScenarioSpec(Scenario.WebTier, packetsPerSecond, seconds, 1), setup.Enis, 0), 1, seconds, new CaptureDirectory(directory), 200_000, DateTime.UtcNow, TimeProvider.System);
        var published = new List<(TimeSpan Wall, double Simulated)>();
        var watch = Stopwatch.StartNew();
        var final = run.Run(snapshot => published.Add((watch.Elapsed, snapshot.SimulatedSeconds)), CancellationToken.None);
        watch.Stop();
        var gaps = published.Zip(published.Skip(1), (a, b) => (b.Wall - a.Wall).TotalMilliseconds).Order().ToList();
        var lag = published.Select(p => p.Wall.TotalSeconds - p.Simulated).Order().ToList();
        Console.WriteLine($"{final.Report.Packets:N0} packets at {packetsPerSecond:N0} pps over {seconds} simulated s took {watch.Elapsed.TotalSeconds:0.00} s of wall time " +
            $"(ratio {seconds / watch.Elapsed.TotalSeconds:0.000}); {published.Count} snapshots, median gap {gaps[gaps.Count / 2]:0} ms, " +
            $"max gap {gaps[^1]:0} ms; wall minus simulated time: median {lag[lag.Count / 2] * 1000:0} ms, max {lag[^1] * 1000:0} ms.");
        Directory.Delete(directory, recursive: true);
    }
}
