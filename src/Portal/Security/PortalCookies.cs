namespace MirrorTower.Portal.Security;

public static class PortalCookies
{
    /// <summary>The sign-in cookie of the browser.</summary>
    public const string Auth = "MirrorTower.Auth";
}
