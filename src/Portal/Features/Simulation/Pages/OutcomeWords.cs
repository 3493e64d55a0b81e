using MirrorTower.Engine.Simulation;

namespace MirrorTower.Portal.Features.Simulation.Pages;

/// <summary>What happened to a packet, in the words of the run page's tiles, legends, sampled packets and comparisons.</summary>
public static class OutcomeWords
{
    public static string Of(string outcome) => outcome switch
    {
        nameof(SimOutcome.Mirrored) => "Mirrored",
        nameof(SimOutcome.RejectedByRule) => "Rejected by a rule",
        nameof(SimOutcome.NoRuleMatched) => "No rule matched",
        nameof(SimOutcome.NeverMirrored) => "Never mirrored (class)",
        nameof(SimOutcome.NoSession) => "No session",
        nameof(SimOutcome.SkippedForBandwidth) => "Skipped: bandwidth",
        _ => outcome,
    };

    public static string Of(SimOutcome outcome) => Of(outcome.ToString());
}
