namespace MirrorTower.Engine.Mirroring;

/// <summary>The verdict on a packet: the outcome, and the slots of the deciding session and rule in the table (-1 for none).</summary>
public readonly record struct Verdict(Outcome Outcome, int SessionSlot, int RuleSlot);

/// <summary>
/// The one compiled form of the mirroring judgment, as the reference says it: never-mirrored classes first; sessions in
/// ascending session number; rules of the packet's direction in ascending rule number; the first matching rule decides
/// for its session; a reject or no match passes the packet to the next session; at most one copy.
/// Every ENI's sessions and rules are laid out in flat arrays, so that judging a packet walks contiguous memory and
/// allocates nothing: an ENI is a range of session slots (ascending session number), a session two ranges of rule
/// slots (ascending rule number per direction). <see cref="Explain"/> tells the same walk session by session.
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

    /// <summary>The judgment of <see cref="Judge"/>, told session by session, for a person who asks why.</summary>
    public IReadOnlyList<SessionStep> Explain(int eni, in PacketFacts packet)
    {
        var steps = new List<SessionStep>();
        if (packet.Class is not (PacketClass.Ordinary or PacketClass.AmazonDns))
        {
            steps.Add(new SessionStep(0, "", null, $"{packet.Class} traffic is never mirrored, whatever the filter."));
            return steps;
        }
        var first = _eniFirstSession[eni];
        var ingress = packet.Direction == TrafficDirection.Ingress;
        for (var s = first; s < first + _eniSessionCount[eni]; s++)
        {
            var session = Sessions[s];
            var slot = _sessions[s];
            if (packet.Class == PacketClass.AmazonDns)
            {
                steps.Add(new SessionStep(session.SessionNumber, session.Id, null, slot.AmazonDns
                    ? "Mirrored: the filter has the amazon-dns network service."
                    : "Passed on: Amazon DNS traffic needs the amazon-dns network service."));
                if (slot.AmazonDns)
                {
                    break;
                }
                continue;
            }
            var start = ingress ? slot.IngressStart : slot.EgressStart;
            var end = start + (ingress ? slot.IngressCount : slot.EgressCount);
            var matched = -1;
            for (var r = start; r < end && matched < 0; r++)
            {
                if (_rules[r].Matches(packet) && (!_rules[r].IsV6 || MatchesV6(r, packet)))
                {
                    matched = r;
                }
            }
            var accepted = matched >= 0 && _rules[matched].Accept;
            steps.Add(matched < 0
                ? new SessionStep(session.SessionNumber, session.Id, null, start == end
                    ? $"Passed on: the filter has no {packet.Direction.ToString().ToLowerInvariant()} rules."
                    : "Passed on: no rule matched.")
                : new SessionStep(session.SessionNumber, session.Id, Rules[matched].RuleNumber, accepted
                    ? $"Mirrored by rule {Rules[matched].RuleNumber} (accept)."
                    : $"Passed on: rule {Rules[matched].RuleNumber} rejects it."));
            if (accepted)
            {
                break;
            }
        }
        return steps;
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
