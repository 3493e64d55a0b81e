namespace MirrorTower.Engine.Simulation;

/// <summary>Where a run writes what each target receives: one pcap stream per target, opened on its first copy.</summary>
public interface ICaptureSink
{
    Stream Create(SimTarget target);
}

/// <summary>Each target's copies as <c>{targetId}.pcap</c> in one folder, readable while the run writes.</summary>
public sealed class CaptureDirectory(string path) : ICaptureSink
{
    public string Path => path;

    // No buffer in the file stream: the pcap writer gathers its records and writes them a megabyte at a time.
    public Stream Create(SimTarget target) =>
        new FileStream(System.IO.Path.Combine(path, $"{target.Id}.pcap"), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
}
