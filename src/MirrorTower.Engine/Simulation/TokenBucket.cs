namespace MirrorTower.Engine.Simulation;

/// <summary>
/// An instance's network bandwidth as the reference models it: tokens are bytes, refilled at the bandwidth up to the
/// bucket size. Production takes tokens first and always passes (MirrorTower does not model production loss); a
/// mirrored copy is sent only if enough tokens remain after production, otherwise it is skipped.
/// </summary>
public sealed class TokenBucket(long bitsPerSecond, long capacityBytes)
{
    private double _tokens = capacityBytes;
    private long _lastNanoseconds = -1;

    /// <summary>A bucket holding the given milliseconds of traffic at the bandwidth.</summary>
    public static TokenBucket ForBandwidth(long bitsPerSecond, double burstMilliseconds = 10) =>
        new(bitsPerSecond, Math.Max(9001, (long)(bitsPerSecond / 8.0 * burstMilliseconds / 1000)));

    public long CapacityBytes { get; } = capacityBytes;

    public void Production(long nowNanoseconds, int bytes)
    {
        Refill(nowNanoseconds);
        _tokens = Math.Max(0, _tokens - bytes);
    }

    /// <summary>Takes the copy's bytes when they are there; false is a skip.</summary>
    public bool TryCopy(long nowNanoseconds, int bytes)
    {
        Refill(nowNanoseconds);
        if (_tokens < bytes)
        {
            return false;
        }
        _tokens -= bytes;
        return true;
    }

    private void Refill(long nowNanoseconds)
    {
        if (_lastNanoseconds >= 0 && nowNanoseconds > _lastNanoseconds)
        {
            _tokens = Math.Min(CapacityBytes, _tokens + ((nowNanoseconds - _lastNanoseconds) * (bitsPerSecond / 8e9)));
        }
        if (nowNanoseconds > _lastNanoseconds)
        {
            _lastNanoseconds = nowNanoseconds;
        }
    }
}
