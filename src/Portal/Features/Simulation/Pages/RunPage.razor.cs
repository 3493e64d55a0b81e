using MirrorTower.Portal.Common;
using MirrorTower.Engine.Simulation;
using MudBlazor;

namespace MirrorTower.Portal.Features.Simulation.Pages;

/// <summary>A run, live while it is in progress (the feed publishes five snapshots a second), then as stored.</summary>
public partial class RunPage
{
    protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Network };

    private RunSnapshot? _run;
    private Dictionary<string, string> _filterNames = new();
    private PacketExplanation? _explanation;
    private IDisposable? _feed;
    private RunSnapshot? _latest;
    private int _renderQueued;

    [Microsoft.AspNetCore.Components.Parameter] public string Id { get; set; } = "";

    private LiveRun? Live => Runner.Find(Id);

    // Here or on another instance: its captures are still being written.
    private bool InProgress => _run?.Status is RunStatus.Running or RunStatus.Paused;

    protected override async Task LoadAsync()
    {
        _run = await Runner.SnapshotAsync(await ActorAsync(), Id);
        // Filters by their description, as the mirroring pages name them; a filter deleted since keeps its id.
        _filterNames = await Mirroring.FilterNamesAsync();
        _feed ??= Feed.Subscribe(snapshot =>
        {
            if (snapshot.Id != Id)
            {
                return;
            }
            // Coalesced: at most one render waits at a time, and it shows the newest snapshot. One render per snapshot
            // queued renders faster than a loaded machine drew them, until the circuit did nothing else.
            Volatile.Write(ref _latest, snapshot);
            if (Interlocked.Exchange(ref _renderQueued, 1) == 0)
            {
                _ = InvokeAsync(() =>
                {
                    Interlocked.Exchange(ref _renderQueued, 0);
                    _run = Volatile.Read(ref _latest);
                    StateHasChanged();
                });
            }
        });
    }

    private async Task Steer(string command, double? speed = null)
    {
        var result = await Runner.SteerAsync(await ActorAsync(), Id, command, speed);
        if (result.Succeeded)
        {
            _run = result.Value;
        }
    }

    private void Open(LoggedPacket packet)
    {
        _explanation = Runner.Explainable(Id) is { } run ? new PacketExplanation(packet, run.Explain(packet)) : new PacketExplanation(packet, []);
        RevealAfterRender("[data-testid=packet-explanation]");
    }

    private string FilterName(string filterId) => _filterNames.GetValueOrDefault(filterId, filterId);

    private string EniLabel(string eniId) => _run?.Report.Enis.FirstOrDefault(e => e.EniId == eniId)?.Label ?? eniId;

    private static Color StatusColor(RunStatus status) => status switch
    {
        RunStatus.Running => Color.Info,
        RunStatus.Completed => Color.Success,
        RunStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    void IDisposable.Dispose()
    {
        _feed?.Dispose();
        Dispose();
    }

    /// <summary>A replay's progress in bytes: "48 MB of 196 MB of the capture read (24 %)".</summary>
    private static string CaptureProgress(SimulationReport report) => report.CaptureBytesTotal is long total and > 0
        ? $"{Megabytes(report.CaptureBytesRead)} of {Megabytes(total)} of the capture read ({Percent(report):0} %)"
        : $"{Megabytes(report.CaptureBytesRead)} of the capture read";

    private static double Percent(SimulationReport report) =>
        report.CaptureBytesTotal is long total and > 0 ? Math.Min(100, 100.0 * report.CaptureBytesRead / total) : 0;

    private static string Megabytes(long bytes) => bytes >= 10_000_000 ? $"{bytes / 1e6:N0} MB" : $"{bytes / 1e6:0.0#} MB";
}
