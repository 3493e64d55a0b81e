using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Engine;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>
/// Starts and steers runs: scenarios run on their own thread and go on when the browser leaves (any number of viewers
/// follow them through <see cref="SimulationFeed"/>); replays run to the end within the request. Finished runs are
/// stored with their report and time series.
/// </summary>
public sealed partial class SimulationRunner(
    IDbContextFactory<PortalDbContext> dbFactory,
    SimulationStore store,
    SimulationFeed feed,
    SimulationRelay relay,
    Data.Cluster.IClusterBus bus,
    Data.Cluster.ClusterMember member,
    AuditTrail auditTrail,
    AwsIdentifiers ids,
    IOptions<SimulationOptions> options,
    TimeProvider time,
    ILogger<SimulationRunner> logger)
{
    private readonly ConcurrentDictionary<string, LiveRun> _live = new();
    // Who started each run in progress; finished runs are looked up in the store, so this does not grow with history.
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    // The uploads of replays in progress, so that a stop also stops reading a capture that is still arriving.
    private readonly ConcurrentDictionary<string, UploadStream> _uploads = new(StringComparer.Ordinal);
    private int _slots;

    // The last finished runs stay in memory, so that their sampled packets can still be explained.
    private readonly ConcurrentQueue<(LiveRun Run, RunSnapshot Final)> _recent = new();
    private const int RecentRuns = 20;

    private SimulationOptions Settings => options.Value;

    /// <summary>The runs in progress that <paramref name="viewer"/> may see.</summary>
    public IReadOnlyList<RunSnapshot> LiveFor(Actor viewer) =>
        _live.Values.Where(r => RunAccess.MayRead(viewer, _owners.GetValueOrDefault(r.Id))).Select(r => r.Snapshot).ToList();

    /// <summary>The stored runs (the last 100) that <paramref name="viewer"/> may see.</summary>
    public async Task<IReadOnlyList<SimulationRunRecord>> StoredForAsync(Actor viewer, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(cancellationToken)).Where(r => RunAccess.MayRead(viewer, r.CreatedBy)).ToList();

    public async Task<OperationResult<RunSnapshot>> StartAsync(Actor actor, ScenarioRequest request)
    {
        const string Action = "mirrortower:StartSimulation";
        var errors = new FieldErrors();
        if (!Enum.TryParse<Scenario>(request.Scenario, ignoreCase: true, out var scenario) || !Enum.IsDefined(scenario))
        {
            errors.Add("scenario", $"'{request.Scenario}' is not a scenario: use one of {string.Join(", ", Enum.GetNames<Scenario>())}.");
        }
        if (request.PacketsPerSecond is not { } rate || rate < 1 || rate > Settings.MaxPacketsPerSecond)
        {
            errors.Add("packetsPerSecond", $"The rate is from 1 to {Settings.MaxPacketsPerSecond:N0} packets per second.");
        }
        if (request.DurationSeconds is not { } duration || duration < 0.1 || duration > Settings.MaxDurationSeconds)
        {
            errors.Add("durationSeconds", $"The duration is from 0.1 to {Settings.MaxDurationSeconds} simulated seconds.");
        }
        if (request.Speed is < 0 or > 1000)
        {
            errors.Add("speed", "The speed is 0 (as fast as possible) or a factor up to 1000 of real time.");
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var network = await NetworkSnapshot.LoadAsync(db);
        var sources = request.SourceEniIds is { Count: > 0 } chosen ? chosen.Distinct().ToList()
            : network.Sessions.Values.Select(s => s.NetworkInterfaceId).Distinct().Order().ToList();
        foreach (var missing in sources.Where(id => !network.Enis.ContainsKey(id)))
        {
            errors.Add("sourceEniIds", $"No network interface has the id '{missing}'.");
        }
        if (sources.Count == 0)
        {
            errors.Add("sourceEniIds", "No ENI has a mirror session yet: create a session, or name the ENIs to send traffic through.");
        }
        if (errors.IsEmpty && !TryTakeSlot())
        {
            errors.Add("scenario", FullMessage);
        }
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<RunSnapshot>(actor, Action, "simulation", errors);
        }

        LiveRun run;
        try
        {
            var id = ids.ResourceId("sim");
            var spec = new ScenarioSpec(scenario, request.PacketsPerSecond!.Value, request.DurationSeconds!.Value, request.Seed ?? 1);
            var setup = SimulationSetupFactory.Build(network, sources);
            var started = time.GetUtcNow().UtcDateTime;
            var name = $"{scenario} · {spec.PacketsPerSecond:N0} pps · {spec.DurationSeconds:0.#} s · seed {spec.Seed}";
            run = new LiveRun(id, name, RunKind.Scenario, new MirrorSimulator(setup), new ScenarioSource(spec, setup.Enis, ToUnixNanoseconds(started)),
                request.Speed ?? 1, spec.DurationSeconds, new CaptureDirectory(store.DirectoryOf(id)), Settings.CapturedPacketsPerTarget, started, time);
            await store.AddAsync(new SimulationRunRecord
            {
                Id = id, Kind = RunKind.Scenario, Name = name, SpecJson = JsonSerializer.Serialize(request with { SourceEniIds = sources }, SimulationStore.Json),
                CreatedBy = actor.Name, StartedUtc = started, Status = RunStatus.Running, Instance = member.Id,
            });
            await auditTrail.RecordAsync(actor.Record(Action, id, AuditOutcome.Succeeded, $"{name} through {sources.Count} ENI(s)."));
            _owners[id] = actor.Name;
            Began(id);
            _live[id] = run;
            _ = Task.Factory.StartNew(() => RunToEndAsync(run), TaskCreationOptions.LongRunning).Unwrap();
        }
        catch
        {
            ReleaseSlot();
            throw;
        }
        return OperationResult<RunSnapshot>.Success(run.Snapshot);
    }

    /// <summary>A run in progress, which can be steered.</summary>
    public LiveRun? Find(string id) => _live.GetValueOrDefault(id);

    /// <summary>A run in progress or recently finished, whose sampled packets can be explained.</summary>
    public LiveRun? Explainable(string id) => _live.GetValueOrDefault(id) ?? _recent.FirstOrDefault(r => r.Run.Id == id).Run;

    /// <summary>The run as a viewer sees it: live when in progress, else as stored.</summary>
    public async Task<RunSnapshot?> SnapshotAsync(Actor viewer, string id, CancellationToken cancellationToken = default)
    {
        // A run the viewer may not see does not exist for it: its id tells nothing.
        if (!RunAccess.MayRead(viewer, await OwnerAsync(id, cancellationToken)))
        {
            return null;
        }
        if (_live.TryGetValue(id, out var run))
        {
            return run.Snapshot;
        }
        if (_recent.FirstOrDefault(r => r.Run.Id == id) is { Final: { } final })
        {
            return final;
        }
        // In progress on another instance: its newest shared snapshot.
        if (await relay.LiveAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }
        var record = await store.FindAsync(id, cancellationToken);
        return record is null ? null : SimulationStore.SnapshotOf(record);
    }

    /// <summary>
    /// Steers a run in progress, here or on another instance (passed on to it through <see cref="RemoteSteering"/>; the
    /// answer is then the run as last shared, and the change shows in its next snapshot).
    /// </summary>
    public async Task<OperationResult<RunSnapshot>> SteerAsync(Actor actor, string id, string command, double? speed = null)
    {
        const string Action = "mirrortower:SteerSimulation";
        var owner = await OwnerAsync(id);
        var here = _live.GetValueOrDefault(id);
        var elsewhere = here is null ? await relay.LiveAsync(id) : null;
        if ((here is null && elsewhere is null) || !RunAccess.MayRead(actor, owner))
        {
            return OperationResult<RunSnapshot>.NotFound($"No run in progress has the id '{id}'.");
        }
        if (!RunAccess.MaySteer(actor, owner))
        {
            var message = $"Run {id} was started by {owner}: only its owner or an Admin may steer it.";
            await auditTrail.RecordAsync(actor.Record(Action, id, AuditOutcome.Denied, message));
            return OperationResult<RunSnapshot>.Denied(message);
        }
        if (command is not ("pause" or "resume" or "stop") && !(command == "speed" && speed is >= 0 and <= 1000))
        {
            return OperationResult<RunSnapshot>.Invalid(new FieldErrors().Add("command", "Use pause, resume, stop, or speed with a factor from 0 (as fast as possible) to 1000."));
        }
        var steer = new SteerMessage(id, command, command == "speed" ? speed : null);
        if (here is not null)
        {
            Apply(here, steer);
        }
        else
        {
            await bus.PublishAsync(RemoteSteering.Channel, JsonSerializer.Serialize(steer, SimulationStore.Json));
        }
        await auditTrail.RecordAsync(actor.Record(Action, id, AuditOutcome.Succeeded,
            (steer.Speed is null ? command : $"{command} {steer.Speed}") + (here is null ? " (passed on to the instance running it)" : "")));
        return OperationResult<RunSnapshot>.Success(here?.Snapshot ?? elsewhere!);
    }

    /// <summary>Applies a command another instance checked and audited, when the run is in progress here.</summary>
    public void ApplyFromElsewhere(SteerMessage steer)
    {
        if (_live.TryGetValue(steer.RunId, out var run))
        {
            Apply(run, steer);
        }
    }

    private void Apply(LiveRun run, SteerMessage steer)
    {
        switch (steer.Command)
        {
            case "pause": run.Pause(); break;
            case "resume": run.Resume(); break;
            case "stop":
                run.Stop();
                // A replay may be waiting for more of its upload: stop reading it, so the stop takes effect now.
                if (_uploads.TryGetValue(run.Id, out var upload))
                {
                    upload.CancelWaiting();
                }
                break;
            case "speed" when steer.Speed is >= 0 and <= 1000: run.ChangeSpeed(steer.Speed.Value); break;
        }
    }

    /// <summary>Where a run's capture of one target is, when it has one.</summary>
    public async Task<string?> CapturePathAsync(Actor viewer, string runId, string targetId)
    {
        // Ids only: the path is built from them, so nothing else may reach the file system.
        if ((!AwsIdentifiers.IsResourceId(runId, "sim") && !AwsIdentifiers.IsResourceId(runId, "rpl")) || !AwsIdentifiers.IsResourceId(targetId, "tmt"))
        {
            return null;
        }
        // Only a finished run's capture is whole: one in progress here, or on another instance (the data folder is
        // shared), is still being written. The stored run says both whether it ended and who may read it.
        if (_live.ContainsKey(runId) || await store.FindAsync(runId) is not { Status: not (RunStatus.Running or RunStatus.Paused) } record
            || !RunAccess.MayRead(viewer, record.CreatedBy))
        {
            return null;
        }
        var path = Path.Combine(store.DirectoryOf(runId), $"{targetId}.pcap");
        return File.Exists(path) ? path : null;
    }

    private async Task<string?> OwnerAsync(string id, CancellationToken cancellationToken = default) =>
        _owners.TryGetValue(id, out var owner) ? owner : (await store.FindAsync(id, cancellationToken))?.CreatedBy;

    private async Task RunToEndAsync(LiveRun run)
    {
        try
        {
            await RunAndStoreAsync(run, () => Task.FromResult(run.Run(feed.Publish, CancellationToken.None)));
        }
        finally
        {
            ReleaseSlot();
            Ended(run.Id);
        }
    }

    /// <summary>
    /// Runs a run to its end and stores it. Stored first, then remembered, then out of the live set: a reader sees the
    /// run live (in progress) or finished with its report and captures in place, never finished with them missing.
    /// </summary>
    private async Task<RunSnapshot> RunAndStoreAsync(LiveRun run, Func<Task<RunSnapshot>> execute)
    {
        RunSnapshot final;
        try
        {
            final = await execute();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Run {Run} failed", run.Id);
            final = run.Snapshot with { Status = RunStatus.Failed, Message = exception.Message };
        }
        final = Concluded(final);
        try
        {
            await store.FinishAsync(final);
            Remember(run, final);
        }
        finally
        {
            _live.TryRemove(run.Id, out _);
            _owners.TryRemove(run.Id, out _);
            _uploads.TryRemove(run.Id, out _);
        }
        feed.Publish(final);
        return final;
    }

    private string FullMessage => $"{Volatile.Read(ref _slots)} runs are in progress: at most {Settings.MaxConcurrentRuns} at once, scenarios and replays together. Stop one or wait.";

    // A slot is taken atomically before a run exists and given back when it has left the live set, so parallel starts
    // can never pass the limit between a count and an insert.
    private bool TryTakeSlot()
    {
        while (true)
        {
            var taken = Volatile.Read(ref _slots);
            if (taken >= Settings.MaxConcurrentRuns)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _slots, taken + 1, taken) == taken)
            {
                return true;
            }
        }
    }

    private void ReleaseSlot() => Interlocked.Decrement(ref _slots);

    private void Remember(LiveRun run, RunSnapshot final)
    {
        _recent.Enqueue((run, final));
        while (_recent.Count > RecentRuns)
        {
            _recent.TryDequeue(out _);
        }
    }

    private static long ToUnixNanoseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks * 100;
}
