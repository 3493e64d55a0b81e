using System.IO.Pipelines;
using System.Text.Json;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;

namespace MirrorTower.Portal.Features.Simulation;

// Replays: a capture judged as it arrives (ADR 0011). The run is live (listed, on its page with its progress,
// stoppable) from its first bytes; the answer comes when the capture has been read or the run stopped; at most a few
// megabytes of the upload wait in memory; what the run no longer wants is drained so the uploader gets its answer.
public sealed partial class SimulationRunner
{
    private const string ReplayAction = "mirrortower:ReplayCapture";
    private const int MaxFileNameLength = 255;

    /// <summary>
    /// Replays a capture given as a stream (a multipart section, a file arriving over the circuit): it is copied, as it
    /// comes, into a bounded pipe that the run reads on its own thread.
    /// </summary>
    public Task<OperationResult<RunSnapshot>> ReplayAsync(Actor actor, Stream capture, string? fileName, string? sourceEniId, long? totalBytes = null,
        CancellationToken cancellationToken = default)
    {
        // The writer waits whenever the run is 8 MB behind; segments of 256 KB make the copy read and flush in big pieces.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20, minimumSegmentSize: 256 * 1024, useSynchronizationContext: false));
        var pump = PumpAsync(capture, pipe.Writer, cancellationToken);
        return ReplayAsync(actor, pipe.Reader, fileName, sourceEniId, totalBytes, async () =>
        {
            await pipe.Reader.CompleteAsync();
            await pump;
        }, cancellationToken);
    }

    /// <summary>
    /// Replays a capture that is a request's whole body (<c>application/vnd.tcpdump.pcap</c>): the run reads Kestrel's
    /// own body pipe, with no copy between the socket and the reader's window.
    /// </summary>
    public Task<OperationResult<RunSnapshot>> ReplayAsync(Actor actor, PipeReader body, string? fileName, string? sourceEniId, long? totalBytes,
        CancellationToken cancellationToken) =>
        ReplayAsync(actor, body, fileName, sourceEniId, totalBytes, () => DrainAsync(body, cancellationToken), cancellationToken);

    private async Task<OperationResult<RunSnapshot>> ReplayAsync(Actor actor, PipeReader capture, string? fileName, string? sourceEniId, long? totalBytes,
        Func<Task> finish, CancellationToken cancellationToken)
    {
        var slot = false;
        try
        {
            NetworkSnapshot network;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                network = await NetworkSnapshot.LoadAsync(db);
            }
            var errors = new FieldErrors();
            if (sourceEniId is null || !network.Enis.ContainsKey(sourceEniId))
            {
                errors.Add("sourceEniId", $"No network interface has the id '{sourceEniId}'.");
            }
            // The file's name names the run on its page, in lists and in the audit trail.
            if (fileName is { Length: > MaxFileNameLength })
            {
                errors.Add("fileName", $"The fileName is at most {MaxFileNameLength} characters.");
            }
            errors.CheckText("fileName", fileName);
            if (errors.IsEmpty && !(slot = TryTakeSlot()))
            {
                errors.Add("capture", FullMessage);
            }
            if (!errors.IsEmpty)
            {
                return await auditTrail.RefuseAsync<RunSnapshot>(actor, ReplayAction, sourceEniId ?? "replay", errors);
            }
            var input = new UploadStream(capture);
            CaptureReader reader;
            try
            {
                reader = await Task.Run(() => CaptureReader.Open(input), CancellationToken.None);
            }
            catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or IOException or OperationCanceledException)
            {
                return await auditTrail.RefuseAsync<RunSnapshot>(actor, ReplayAction, sourceEniId!, new FieldErrors().Add("capture", exception switch
                {
                    EndOfStreamException => "The file is too short to be a capture.",
                    InvalidDataException => exception.Message,
                    _ => "The upload ended before the capture's header arrived.",
                }));
            }
            return await ReplayInSlotAsync(actor, reader, input, network, fileName, sourceEniId!, totalBytes);
        }
        finally
        {
            // A run that ended before its upload (refused, stopped, or a broken capture) takes no more of it.
            await finish();
            if (slot)
            {
                ReleaseSlot();
            }
        }
    }

    private static async Task PumpAsync(Stream capture, PipeWriter writer, CancellationToken uploaderGone)
    {
        // Never cancelled on a stop: a cancelled read leaves the request body unusable, and the rest must still be drained.
        Exception? failure = null;
        try
        {
            await capture.CopyToAsync(writer, uploaderGone);
        }
        catch (Exception exception)
        {
            // The reader sees the failure (the uploader went away, the body was too large) where the capture stops.
            failure = exception;
        }
        await writer.CompleteAsync(failure);
        // What the run no longer wants (it was stopped, or the capture broke) is read and dropped, so that the uploader
        // still gets its answer rather than a connection closed in the middle of its upload.
        try
        {
            await capture.CopyToAsync(Stream.Null, uploaderGone);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The uploader went away: nobody is waiting for the answer.
        }
    }

    /// <summary>Reads and drops what is left of a body, so that its uploader gets the answer.</summary>
    private static async Task DrainAsync(PipeReader body, CancellationToken uploaderGone)
    {
        try
        {
            while (true)
            {
                var result = await body.ReadAsync(uploaderGone);
                body.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The uploader went away, or the body was too large: nobody is waiting for the answer.
        }
    }

    private async Task<OperationResult<RunSnapshot>> ReplayInSlotAsync(Actor actor, CaptureReader reader, UploadStream input, NetworkSnapshot network, string? fileName,
        string sourceEniId, long? totalBytes)
    {
        var id = ids.ResourceId("rpl");
        var setup = SimulationSetupFactory.Build(network, [sourceEniId]);
        var started = time.GetUtcNow().UtcDateTime;
        var name = $"Replay of {Path.GetFileName(fileName ?? "capture")} through {setup.Enis[0].Label}";
        var run = new LiveRun(id, name, RunKind.Replay, new MirrorSimulator(setup), new CaptureSource(reader, setup.Enis[0], totalBytes), 0, 0,
            new CaptureDirectory(store.DirectoryOf(id)), int.MaxValue, started, time);
        input.Waiting = run.Waiting;
        await store.AddAsync(new SimulationRunRecord
        {
            Id = id, Kind = RunKind.Replay, Name = name, SpecJson = JsonSerializer.Serialize(new { fileName, sourceEniId }, SimulationStore.Json),
            CreatedBy = actor.Name, StartedUtc = started, Status = RunStatus.Running, Instance = member.Id,
        });
        _owners[id] = actor.Name;
        _uploads[id] = input;
        Began(id);
        _live[id] = run;
        feed.Publish(run.Snapshot);
        RunSnapshot final;
        try
        {
            final = await RunAndStoreAsync(run, () => Task.Factory.StartNew(() => run.Run(feed.Publish, CancellationToken.None),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            await auditTrail.RecordAsync(actor.Record(ReplayAction, id, final.Status == RunStatus.Failed ? AuditOutcome.Failed : AuditOutcome.Succeeded,
                $"{name}: {final.Report.Packets:N0} packets, {final.Report.ByOutcome["Mirrored"]:N0} mirrored, {final.Status}. {final.Message}"));
        }
        finally
        {
            Ended(id);
        }
        return final.Status == RunStatus.Failed && final.Report.Packets == 0
            ? OperationResult<RunSnapshot>.Invalid(new FieldErrors().Add("capture", final.Message!))
            : OperationResult<RunSnapshot>.Success(final);
    }
}
