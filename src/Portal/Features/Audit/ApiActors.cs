namespace MirrorTower.Portal.Features.Audit;

public static class ApiActors
{
    /// <summary>The actor of a REST API request: the signed-in user, the API door and the client's address.</summary>
    public static Actor ApiActor(this HttpContext context) =>
        Actor.From(context.User, Actor.Api, context.Connection.RemoteIpAddress?.ToString());
}
