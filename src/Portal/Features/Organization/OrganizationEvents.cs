namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// Tells open pages that the organization changed (an operation progressed, drift appeared), so they
/// reload without the user refreshing. Subscribers unsubscribe by disposing.
/// </summary>
public sealed class OrganizationEvents
{
    private event Action? Changed;

    public IDisposable Subscribe(Action callback)
    {
        Changed += callback;
        return new Subscription(() => Changed -= callback);
    }

    public void Publish() => Changed?.Invoke();

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
