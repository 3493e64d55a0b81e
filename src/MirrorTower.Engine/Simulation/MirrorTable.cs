using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Simulation;

/// <summary>The verdict on a packet: the outcome, and the slots of the deciding session and rule in the table (-1 for none).</summary>
public readonly record struct Verdict(Outcome Outcome, int SessionSlot, int RuleSlot);

/// <summary>
/// Every ENI's sessions and rules laid out in flat arrays, so that judging a packet walks contiguous memory: an ENI
/// is a range of session slots (ascending session number), a session two ranges of rule slots (ascending rule
/// number per direction). The semantics are <see cref="MirrorJudge"/>'s exactly; the tests hold both to the same table.
/// </summary>
public sealed class MirrorTable
{
    private readonly int[] _eniFirstSession, _eniSessionCount;
    private readonly SessionSlot[] _sessions;
    private readonly RuleSlot[] _rules;
    private readonly (Cidr Source, Cidr Destination)[] _v6Blocks;

    public MirrorTable(IReadOnlyList<IReadOnlyList<MirrorSession>> sessionsPerEni, IReadOnlyDictionary<string, MirrorFilter> filters)
    {
        _eniFirstSession = new int[sessionsPerEni.Count];
        _eniSessionCount = new int[sessionsPerEni.Count];
        var rules = new List<RuleSlot>();
        var ruleInfo = new List<FilterRule>();
        var v6 = new List<(Cidr, Cidr)>();
        // Each filter's rules are laid out once, however many sessions use it: the hot data stays small enough for the cache.
        var compiled = new Dictionary<string, SessionSlot>();
        SessionSlot Compile(string filterId)
        {
            if (compiled.TryGetValue(filterId, out var slot))
            {
                return slot;
            }
            var filter = filters.TryGetValue(filterId, out var found) ? found : new MirrorFilter(filterId, []);
            var starts = new int[2];
            foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
            {
                starts[(int)direction] = rules.Count;
                foreach (var rule in filter.RulesFor(direction))
                {
                    rules.Add(RuleSlot.From(rule));
                    v6.Add((Cidr.Parse(rule.SourceCidrBlock), Cidr.Parse(rule.DestinationCidrBlock)));
                    ruleInfo.Add(rule);
                }
            }
            return compiled[filterId] = new SessionSlot(starts[0], starts[1] - starts[0], starts[1], rules.Count - starts[1], filter.AmazonDns);
        }

        var sessions = new List<SessionSlot>();
        var sessionInfo = new List<MirrorSession>();
        for (var eni = 0; eni < sessionsPerEni.Count; eni++)
        {
            _eniFirstSession[eni] = sessions.Count;
            foreach (var session in sessionsPerEni[eni].OrderBy(s => s.SessionNumber))
            {
                sessions.Add(Compile(session.FilterId));
                sessionInfo.Add(session);
            }
            _eniSessionCount[eni] = sessions.Count - _eniFirstSession[eni];
        }
        _sessions = [.. sessions];
        _rules = [.. rules];
        _v6Blocks = [.. v6];
        Sessions = sessionInfo;
        Rules = ruleInfo;
    }

    /// <summary>The session of each session slot.</summary>
    public IReadOnlyList<MirrorSession> Sessions { get; }

    /// <summary>The rule of each rule slot: one slot per rule of each filter, shared by the sessions that use the filter.</summary>
    public IReadOnlyList<FilterRule> Rules { get; }

    public int EniCount => _eniFirstSession.Length;

    /// <summary>
    /// Judges a packet; with <paramref name="ruleHits"/>, also counts a hit for every rule that decided for its session
    /// on the way (a reject that passed the packet on, and the accept that mirrored it).
    /// </summary>
    public Verdict Judge(int eni, in PacketFacts packet, long[]? ruleHits = null)
    {
        var first = _eniFirstSession[eni];
        var count = _eniSessionCount[eni];
        if (count == 0)
        {
            return new Verdict(Outcome.NoSession, -1, -1);
        }
        var kind = packet.Class;
        if (kind != PacketClass.Ordinary)
        {
            if (kind == PacketClass.AmazonDns)
            {
                for (var s = first; s < first + count; s++)
                {
                    if (_sessions[s].AmazonDns)
                    {
                        return new Verdict(Outcome.Mirrored, s, -1);
                    }
                }
            }
            return new Verdict(Outcome.NeverMirrored, -1, -1);
        }

        var rejectSession = -1;
        var rejectRule = -1;
        var ingress = packet.Direction == TrafficDirection.Ingress;
        var rules = _rules.AsSpan();
        for (var s = first; s < first + count; s++)
        {
            ref readonly var session = ref _sessions[s];
            var start = ingress ? session.IngressStart : session.EgressStart;
            var end = start + (ingress ? session.IngressCount : session.EgressCount);
            for (var r = start; r < end; r++)
            {
                ref readonly var rule = ref rules[r];
                if (!rule.Matches(packet) || (rule.IsV6 && !MatchesV6(r, packet)))
                {
                    continue;
                }
                if (ruleHits is not null)
                {
                    ruleHits[r]++;
                }
                if (rule.Accept)
                {
                    return new Verdict(Outcome.Mirrored, s, r);
                }
                if (rejectSession < 0)
                {
                    (rejectSession, rejectRule) = (s, r);
                }
                break;
            }
        }
        return rejectSession >= 0 ? new Verdict(Outcome.RejectedByRule, rejectSession, rejectRule) : new Verdict(Outcome.NoRuleMatched, -1, -1);
    }

    private bool MatchesV6(int rule, in PacketFacts packet) =>
        _v6Blocks[rule].Source.Contains(true, packet.Source) && _v6Blocks[rule].Destination.Contains(true, packet.Destination);

    private readonly record struct SessionSlot(int IngressStart, int IngressCount, int EgressStart, int EgressCount, bool AmazonDns);

    /// <summary>A rule as integers (32 bytes): IPv4 masks in 32 bits, absent ports as 0-65535, all protocols as -1; IPv6 blocks beside it.</summary>
    private readonly struct RuleSlot
    {
        private readonly uint _sourceNetwork, _sourceMask, _destinationNetwork, _destinationMask;
        private readonly ushort _sourceFrom, _sourceTo, _destinationFrom, _destinationTo;
        private readonly short _protocol;

        private RuleSlot(FilterRule rule)
        {
            var source = Cidr.Parse(rule.SourceCidrBlock);
            var destination = Cidr.Parse(rule.DestinationCidrBlock);
            IsV6 = source.IsV6;
            (_sourceNetwork, _sourceMask) = ((uint)source.Network, (uint)source.Mask);
            (_destinationNetwork, _destinationMask) = ((uint)destination.Network, (uint)destination.Mask);
            _protocol = (short)(rule.Protocol ?? -1);
            _sourceFrom = (ushort)(rule.SourcePortRange?.FromPort ?? 0);
            _sourceTo = (ushort)(rule.SourcePortRange?.ToPort ?? 65535);
            _destinationFrom = (ushort)(rule.DestinationPortRange?.FromPort ?? 0);
            _destinationTo = (ushort)(rule.DestinationPortRange?.ToPort ?? 65535);
            Accept = rule.Action == RuleAction.Accept;
        }

        public bool Accept { get; }

        public bool IsV6 { get; }

        public static RuleSlot From(FilterRule rule) => new(rule);

        /// <summary>Protocol, family and ports, and for IPv4 the blocks; IPv6 blocks are checked by the table.</summary>
        public bool Matches(in PacketFacts packet) =>
            (_protocol < 0 || _protocol == packet.Protocol) && packet.IsV6 == IsV6
            && (uint)(packet.SourcePort - _sourceFrom) <= (uint)(_sourceTo - _sourceFrom)
            && (uint)(packet.DestinationPort - _destinationFrom) <= (uint)(_destinationTo - _destinationFrom)
            && (IsV6 || (((uint)packet.Source & _sourceMask) == _sourceNetwork && ((uint)packet.Destination & _destinationMask) == _destinationNetwork));
    }
}
