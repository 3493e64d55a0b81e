using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.ServiceControlPolicies;

namespace MirrorTower.Portal.Features.Organization.Actions;

/// <summary>An AWS call inside an account, decided by the account's SCPs and RCPs, with the control that decided.</summary>
public sealed record InAccountDecision(PolicyDecision Decision, string? Control)
{
    public bool Allowed => Decision.Decision == Engine.Policies.Decision.Allowed;

    /// <summary>For messages and the audit trail: the summary, and the control when one decided.</summary>
    public string Reason => Control is null ? Decision.Summary : $"{Decision.Summary} Control: {Control}.";

    /// <param name="at">When the call is made, as <c>aws:CurrentTime</c> and <c>aws:EpochTime</c>.</param>
    /// <param name="sourceIp">Where it comes from, as <c>aws:SourceIp</c>, when known.</param>
    public static InAccountDecision Decide(OrganizationSnapshot org, Account account, string principalArn, string action, string resource, string? region,
        DateTime at, string? sourceIp)
    {
        // The resource is the account's own: its SCPs decide as the principal's account, its RCPs as the resource's.
        var decision = org.Explain(
            new AuthorizationRequest(principalArn, action, resource, region, time: new DateTimeOffset(at, TimeSpan.Zero), sourceIp: sourceIp),
            account);
        return new InAccountDecision(decision, PolicySimulator.ControlOf(decision.Deciding));
    }
}
