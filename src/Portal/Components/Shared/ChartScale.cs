using MudBlazor;

namespace MirrorTower.Portal.Components.Shared;

/// <summary>
/// A value axis people can read (issue #19, finding 6): from zero, in round steps of 1, 2 or 5 × 10ⁿ, about five of
/// them, whole numbers for counts. MudBlazor's defaults step by 20 (a 0–20 axis for counts of 1–5) and start a line
/// chart's axis at its lowest value.
/// </summary>
public static class ChartScale
{
    /// <summary>The step and the top of an axis that holds <paramref name="max"/> in at most <paramref name="steps"/> round steps.</summary>
    public static (int Step, int Top) For(double max, int steps = 5)
    {
        if (max <= 0 || double.IsNaN(max))
        {
            return (1, 1);
        }
        var raw = max / steps;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (int)Math.Max(1, new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw));
        return (step, (int)Math.Ceiling(max / step) * step);
    }

    /// <summary>
    /// The series that have something to show, each with its colour: a series of zeros only fills the legend (a run
    /// without skips listed "SkippedForBandwidth"), and MudBlazor colours series by position, so colours go with them.
    /// </summary>
    public static (List<ChartSeries<double>> Series, string[] Palette) NonEmpty(IEnumerable<(string Name, string Color, double[] Data)> series)
    {
        var shown = series.Where(s => s.Data.Any(v => v != 0)).ToList();
        return (shown.Select(s => new ChartSeries<double> { Name = s.Name, Data = s.Data }).ToList(), shown.Select(s => s.Color).ToArray());
    }

    public static LineChartOptions Line(double max, params string[] palette)
    {
        var (step, top) = For(max);
        return new LineChartOptions
        {
            YAxisTicks = step, YAxisSuggestedMax = top, YAxisRequireZeroPoint = true, MaxNumYAxisTicks = 12, YAxisFormat = "N0",
            ChartPalette = palette.Length > 0 ? palette : new LineChartOptions().ChartPalette,
        };
    }

    public static StackedBarChartOptions StackedBar(double max, params string[] palette)
    {
        var (step, top) = For(max);
        return new StackedBarChartOptions
        {
            YAxisTicks = step, YAxisSuggestedMax = top, MaxNumYAxisTicks = 12, YAxisFormat = "N0",
            ChartPalette = palette.Length > 0 ? palette : new StackedBarChartOptions().ChartPalette,
        };
    }
}
