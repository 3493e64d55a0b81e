using BenchmarkDotNet.Attributes;
using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Benchmarks.Mirroring;

/// <summary>
/// Issue 7's topology: 5,000 ENIs with 3 sessions each and 10 rules per direction per filter. Each invocation
/// judges 4,096 packets spread over the ENIs, so ns/op divided by 4,096 is the time of one judgment.
/// </summary>
[MemoryDiagnoser]
public class JudgeBenchmark
{
    private const int Enis = 5000;
    public const int Packets = 4096;

    private MirrorTable _table = default!;
    private PacketFacts[] _packets = default!;
    private int[] _eniOfPacket = default!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var filters = Enumerable.Range(0, 3).ToDictionary(f => $"tmf-{f}", f => new MirrorFilter($"tmf-{f}",
            Enumerable.Range(1, 10).SelectMany(r => new[]
            {
                new FilterRule(TrafficDirection.Ingress, r * 10, r % 3 == 0 ? RuleAction.Reject : RuleAction.Accept, Protocols.Tcp,
                    $"10.{r}.0.0/16", "10.0.0.0/8", null, new PortRange(1000 * r, 1000 * r + 500)),
                new FilterRule(TrafficDirection.Egress, r * 10, RuleAction.Accept, r % 2 == 0 ? Protocols.Udp : null,
                    "10.0.0.0/8", $"172.{16 + r}.0.0/16"),
            }).ToList()));
        _table = new MirrorTable(Enumerable.Range(0, Enis).Select(e => (IReadOnlyList<MirrorSession>)Enumerable.Range(1, 3)
            .Select(s => new MirrorSession($"tms-{e}-{s}", $"eni-{e}", "tmt-1", $"tmf-{(e + s) % 3}", s, s)).ToList()).ToList(), filters);
        _packets = Enumerable.Range(0, Packets).Select(_ => new PacketFacts(
            random.Next(2) == 0 ? TrafficDirection.Ingress : TrafficDirection.Egress, false,
            (UInt128)(uint)((10 << 24) | random.Next(1 << 24)), (UInt128)(uint)((random.Next(2) == 0 ? 10 << 24 : (172 << 24) | (20 << 16)) | random.Next(1 << 16)),
            (byte)(random.Next(3) == 0 ? Protocols.Udp : Protocols.Tcp), (ushort)random.Next(1024, 65535), (ushort)random.Next(0, 12000))).ToArray();
        _eniOfPacket = Enumerable.Range(0, Packets).Select(_ => random.Next(Enis)).ToArray();
    }

    /// <summary>The judgment: every ENI's sessions and rules in flat arrays (the only compiled form since #14).</summary>
    [Benchmark(OperationsPerInvoke = Packets, Baseline = true)]
    public int TableJudge()
    {
        var mirrored = 0;
        for (var i = 0; i < _packets.Length; i++)
        {
            if (_table.Judge(_eniOfPacket[i], _packets[i]).Outcome == Outcome.Mirrored)
            {
                mirrored++;
            }
        }
        return mirrored;
    }
}
