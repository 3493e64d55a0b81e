namespace MirrorTower.Portal.Common;

/// <summary>
/// Tells open pages and background workers about something that happened, after it is committed. Subscribers get
/// every message and unsubscribe by disposing; they pick what they show from the message itself.
/// </summary>
public class Feed<T>
{
    private event Action<T>? Published;

    public IDisposable Subscribe(Action<T> callback)
    {
        Published += callback;
        return new Subscription(() => Published -= callback);
    }

    public void Publish(T message) => Published?.Invoke(message);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
