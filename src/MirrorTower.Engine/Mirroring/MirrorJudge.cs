namespace MirrorTower.Engine.Mirroring;

public enum Outcome : byte
{
    Mirrored,
    RejectedByRule,
    NoRuleMatched,
    NeverMirrored,
    NoSession,
}

/// <summary>The verdict on one packet: the outcome, and the session (its number) and rule that decided, or 0.</summary>
public readonly record struct Judgment(Outcome Outcome, int SessionNumber, int RuleNumber);

/// <summary>One session's part in the explanation of a packet.</summary>
public sealed record SessionStep(int SessionNumber, string SessionId, int? RuleNumber, string Verdict);

/// <summary>
/// Judges packets on one source ENI exactly as the reference says: never-mirrored classes first; sessions in
/// ascending session number; rules of the packet's direction in ascending rule number; the first matching rule
/// decides for its session; a reject or no match passes the packet to the next session; at most one copy.
/// Sessions and rules are compiled once, so judging allocates nothing.
/// </summary>
public sealed class MirrorJudge
{
    private readonly CompiledSession[] _sessions;

    public MirrorJudge(IEnumerable<MirrorSession> sessions, IReadOnlyDictionary<string, MirrorFilter> filters)
    {
        _sessions = sessions.OrderBy(s => s.SessionNumber)
            .Select(s => new CompiledSession(s, filters.TryGetValue(s.FilterId, out var filter) ? filter : new MirrorFilter(s.FilterId, [])))
            .ToArray();
    }

    public IReadOnlyList<MirrorSession> Sessions => _sessions.Select(s => s.Session).ToList();

    public Judgment Judge(in PacketFacts packet)
    {
        if (_sessions.Length == 0)
        {
            return new Judgment(Outcome.NoSession, 0, 0);
        }
        if (packet.Class is PacketClass.Arp or PacketClass.Dhcp or PacketClass.InstanceMetadata or PacketClass.TimeSync or PacketClass.WindowsActivation)
        {
            return new Judgment(Outcome.NeverMirrored, 0, 0);
        }
        if (packet.Class == PacketClass.AmazonDns)
        {
            foreach (var session in _sessions)
            {
                if (session.AmazonDns)
                {
                    return new Judgment(Outcome.Mirrored, session.Session.SessionNumber, 0);
                }
            }
            return new Judgment(Outcome.NeverMirrored, 0, 0);
        }

        var firstReject = default(Judgment);
        foreach (var session in _sessions)
        {
            var rules = packet.Direction == TrafficDirection.Ingress ? session.Ingress : session.Egress;
            foreach (ref readonly var rule in rules.AsSpan())
            {
                if (!rule.Matches(packet))
                {
                    continue;
                }
                if (rule.Action == RuleAction.Accept)
                {
                    return new Judgment(Outcome.Mirrored, session.Session.SessionNumber, rule.RuleNumber);
                }
                if (firstReject.SessionNumber == 0)
                {
                    firstReject = new Judgment(Outcome.RejectedByRule, session.Session.SessionNumber, rule.RuleNumber);
                }
                break;
            }
        }
        return firstReject.SessionNumber != 0 ? firstReject : new Judgment(Outcome.NoRuleMatched, 0, 0);
    }

    /// <summary>The same judgment, told session by session.</summary>
    public IReadOnlyList<SessionStep> Explain(PacketFacts packet)
    {
        var steps = new List<SessionStep>();
        if (packet.Class is not (PacketClass.Ordinary or PacketClass.AmazonDns))
        {
            steps.Add(new SessionStep(0, "", null, $"{packet.Class} traffic is never mirrored, whatever the filter."));
            return steps;
        }
        foreach (var session in _sessions)
        {
            var number = session.Session.SessionNumber;
            if (packet.Class == PacketClass.AmazonDns)
            {
                steps.Add(new SessionStep(number, session.Session.Id, null, session.AmazonDns
                    ? "Mirrored: the filter has the amazon-dns network service."
                    : "Passed on: Amazon DNS traffic needs the amazon-dns network service."));
                if (session.AmazonDns)
                {
                    break;
                }
                continue;
            }
            var rules = packet.Direction == TrafficDirection.Ingress ? session.Ingress : session.Egress;
            var matched = rules.Cast<CompiledRule?>().FirstOrDefault(r => r!.Value.Matches(packet));
            steps.Add(matched switch
            {
                null when rules.Length == 0 => new SessionStep(number, session.Session.Id, null, $"Passed on: the filter has no {packet.Direction.ToString().ToLowerInvariant()} rules."),
                null => new SessionStep(number, session.Session.Id, null, "Passed on: no rule matched."),
                { Action: RuleAction.Accept } rule => new SessionStep(number, session.Session.Id, rule.RuleNumber, $"Mirrored by rule {rule.RuleNumber} (accept)."),
                { } rule => new SessionStep(number, session.Session.Id, rule.RuleNumber, $"Passed on: rule {rule.RuleNumber} rejects it."),
            });
            if (matched is { Action: RuleAction.Accept })
            {
                break;
            }
        }
        return steps;
    }

    private sealed class CompiledSession(MirrorSession session, MirrorFilter filter)
    {
        public MirrorSession Session { get; } = session;
        public bool AmazonDns { get; } = filter.AmazonDns;
        public CompiledRule[] Ingress { get; } = filter.RulesFor(TrafficDirection.Ingress).Select(CompiledRule.From).ToArray();
        public CompiledRule[] Egress { get; } = filter.RulesFor(TrafficDirection.Egress).Select(CompiledRule.From).ToArray();
    }

    /// <summary>
    /// A rule laid out for the hot path: IPv4 blocks as 32-bit masks (the common case), IPv6 blocks as 128-bit ones,
    /// and absent port ranges as 0-65535, so a match is a handful of integer compares.
    /// </summary>
    private readonly struct CompiledRule
    {
        private readonly bool _v6;
        private readonly uint _sourceNetwork, _sourceMask, _destinationNetwork, _destinationMask;
        private readonly Cidr _source, _destination;
        private readonly int _protocol;
        private readonly ushort _sourceFrom, _sourceTo, _destinationFrom, _destinationTo;

        private CompiledRule(FilterRule rule)
        {
            RuleNumber = rule.RuleNumber;
            Action = rule.Action;
            _protocol = rule.Protocol ?? -1;
            _source = Cidr.Parse(rule.SourceCidrBlock);
            _destination = Cidr.Parse(rule.DestinationCidrBlock);
            _v6 = _source.IsV6;
            (_sourceNetwork, _sourceMask) = ((uint)_source.Network, (uint)_source.Mask);
            (_destinationNetwork, _destinationMask) = ((uint)_destination.Network, (uint)_destination.Mask);
            _sourceFrom = (ushort)(rule.SourcePortRange?.FromPort ?? 0);
            _sourceTo = (ushort)(rule.SourcePortRange?.ToPort ?? 65535);
            _destinationFrom = (ushort)(rule.DestinationPortRange?.FromPort ?? 0);
            _destinationTo = (ushort)(rule.DestinationPortRange?.ToPort ?? 65535);
        }

        public int RuleNumber { get; }
        public RuleAction Action { get; }

        public static CompiledRule From(FilterRule rule) => new(rule);

        public bool Matches(in PacketFacts packet)
        {
            if ((_protocol >= 0 && _protocol != packet.Protocol) || packet.IsV6 != _v6
                || packet.SourcePort < _sourceFrom || packet.SourcePort > _sourceTo
                || packet.DestinationPort < _destinationFrom || packet.DestinationPort > _destinationTo)
            {
                return false;
            }
            return _v6
                ? _source.Contains(true, packet.Source) && _destination.Contains(true, packet.Destination)
                : ((uint)packet.Source & _sourceMask) == _sourceNetwork && ((uint)packet.Destination & _destinationMask) == _destinationNetwork;
        }
    }
}
