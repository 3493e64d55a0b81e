using Microsoft.AspNetCore.Identity;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>
/// Password sign-in for the sign-in page (cookie) and the API (bearer token), with lockout on repeated
/// failures and every attempt, good or bad, in the audit trail as <c>signin:ConsoleLogin</c>.
/// </summary>
public sealed record SignInOutcome(SignInResult Result, TimeSpan? RetryAfter = null)
{
    public bool Throttled => RetryAfter is not null;
}

public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    SignInThrottle throttle,
    AuditTrail auditTrail)
{
    public const string Action = "signin:ConsoleLogin";
    public const string SignOutAction = "signin:ConsoleLogout";

    /// <param name="scheme">The authentication scheme that writes the credential: a cookie, or a bearer token.</param>
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool persistent, string scheme, Actor source)
    {
        if (await throttle.RefuseAsync(source.ClientIp, email) is { } wait)
        {
            await auditTrail.RecordAsync((source with { Name = email.Trim() }).Record(Action, email.Trim(), AuditOutcome.Failed,
                $"Too many sign-in attempts from {source.ClientIp ?? "this client"} or for this e-mail: refused for {wait.TotalSeconds:0} s."));
            return new SignInOutcome(SignInResult.Failed, wait);
        }
        signInManager.AuthenticationScheme = scheme;
        var result = await signInManager.PasswordSignInAsync(email.Trim(), password, persistent, lockoutOnFailure: true);
        var user = await userManager.FindByEmailAsync(email.Trim());
        var actor = source with { UserId = user?.Id, Name = email.Trim() };
        var outcome = result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed;
        await auditTrail.RecordAsync(actor.Record(Action, email.Trim(), outcome, Describe(result, user)));
        return new SignInOutcome(result);
    }

    private static string? Describe(SignInResult result, ApplicationUser? user) => result switch
    {
        { Succeeded: true } => null,
        { IsLockedOut: true } => "The user is locked out after repeated failed sign-ins.",
        { IsNotAllowed: true } when user?.IsDisabled == true => "The user is disabled.",
        { IsNotAllowed: true } => "The user is not allowed to sign in.",
        _ when user is null => "No user has this e-mail.",
        _ => "Wrong password.",
    };
}
