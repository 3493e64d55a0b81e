using MirrorTower.Engine.Simulation;
using Microsoft.AspNetCore.Components.Forms;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring;

namespace MirrorTower.Portal.Features.Simulation.Pages;

public partial class SimulationPage
{
    protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Network };

    private const string AllMirrored = "all";
    private const long MaxUpload = 1L << 30;
    private IReadOnlyList<EniView> _enis = [];
    private IReadOnlyList<SimulationRunRecord> _runs = [];
    private string? _search;

    private bool Matches(SimulationRunRecord run) => string.IsNullOrWhiteSpace(_search)
        || new[] { run.Name, run.Kind.ToString(), run.Status.ToString(), run.CreatedBy ?? "" }.Any(text => text.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));
    private readonly List<string> _compare = [];
    private string _scenario = "WebTier", _eni = AllMirrored;
    private string? _replayEni;
    private int? _rate = 20_000, _seed = 1;
    private double? _duration = 30;
    private double _speed = 1;
    private IOperationOutcome? _result, _replayResult;
    private IDisposable? _feed;

    private string _replayEniIp => _enis.FirstOrDefault(e => e.EniId == _replayEni)?.PrivateIp ?? "";

    protected override async Task LoadAsync()
    {
        _enis = (await Mirroring.OverviewAsync()).Enis.Where(e => !e.IsTarget && !e.IsAppliance).ToList();
        _runs = await Runner.StoredForAsync(await ActorAsync());
        _feed ??= Feed.Subscribe(snapshot =>
        {
            // A run started or ended: the list changes. Progress itself is shown on the run's page.
            if (snapshot.Status != RunStatus.Running || _runs.All(r => r.Id != snapshot.Id))
            {
                _ = InvokeAsync(async () =>
                {
                    _runs = await Runner.StoredForAsync(await ActorAsync());
                    StateHasChanged();
                });
            }
        });
    }

    private async Task StartAsync()
    {
        var result = await Runner.StartAsync(await ActorAsync(), new ScenarioRequest(_scenario, _rate, _duration, _seed, _eni == AllMirrored ? null : [_eni], _speed));
        _result = result;
        if (result.Succeeded)
        {
            Navigation.NavigateTo($"/simulation/runs/{result.Value!.Id}");
        }
    }

    private async Task ReplayAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        // The file is judged as it arrives over the circuit; the run is listed (and its page live) from its first bytes.
        await using var upload = file.OpenReadStream(MaxUpload);
        var result = await Runner.ReplayAsync(await ActorAsync(), upload, file.Name, _replayEni, file.Size);
        _replayResult = result;
        if (result.Succeeded)
        {
            Navigation.NavigateTo($"/simulation/runs/{result.Value!.Id}");
        }
    }

    private void ToggleCompare(string id, bool on)
    {
        _compare.Remove(id);
        if (on)
        {
            _compare.Add(id);
            if (_compare.Count > 2)
            {
                _compare.RemoveAt(0);
            }
        }
    }

    void IDisposable.Dispose()
    {
        _feed?.Dispose();
        Dispose();
    }
}
