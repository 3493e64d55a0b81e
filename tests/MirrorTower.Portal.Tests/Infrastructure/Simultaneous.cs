namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>Requests released together, so that they overlap inside the server.</summary>
public static class Simultaneous
{
    public static async Task<T[]> SendAsync<T>(int count, Func<int, Task<T>> send)
    {
        // Every request is built first and waits on one signal.
        var start = new TaskCompletionSource();
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            return await send(i);
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(requests);
    }
}
