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
/// The judgment of one source ENI, by session and rule numbers rather than table slots: the packet tester's and the
/// tests' view of a <see cref="MirrorTable"/> with that ENI alone, so there is one compiled judgment, not two.
/// </summary>
public sealed class MirrorJudge(IEnumerable<MirrorSession> sessions, IReadOnlyDictionary<string, MirrorFilter> filters)
{
    private readonly MirrorTable _table = new([[.. sessions]], filters);

    public IReadOnlyList<MirrorSession> Sessions => _table.Sessions;

    public Judgment Judge(in PacketFacts packet)
    {
        var verdict = _table.Judge(0, packet);
        return new Judgment(verdict.Outcome, verdict.SessionSlot < 0 ? 0 : _table.Sessions[verdict.SessionSlot].SessionNumber,
            verdict.RuleSlot < 0 ? 0 : _table.Rules[verdict.RuleSlot].RuleNumber);
    }

    /// <summary>The same judgment, told session by session.</summary>
    public IReadOnlyList<SessionStep> Explain(in PacketFacts packet) => _table.Explain(0, packet);
}
