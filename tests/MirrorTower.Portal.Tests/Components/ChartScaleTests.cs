using MirrorTower.Portal.Components.Shared;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>Axes issue #19 (finding 6) saw, and the round axes a reader expects: from zero, steps of 1, 2 or 5 × 10ⁿ.</summary>
public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(5, 1, 5)]          // the dashboard's counts of 1–5 drew a 0–20 axis
    [InlineData(3, 1, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(0, 1, 1)]
    [InlineData(12, 5, 15)]
    [InlineData(2000, 500, 2000)]  // a run at 2,000 packets/s ticked 1280, 1760
    [InlineData(16640, 5000, 20000)]
    [InlineData(99, 20, 100)]
    public void AnAxisStepsRoundlyFromZero(double max, int step, int top) => Assert.Equal((step, top), ChartScale.For(max));
}
