using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>How the organization's SCPs and RCPs decide one request: the one place every decision of the portal goes through.</summary>
public sealed partial class OrganizationSnapshot
{
    /// <summary>
    /// Decides a request made by its principal on a resource of <paramref name="resourceAccount"/> (null: not in the
    /// organization), with the explanation naming the policy type, level, policy and statement that decided.
    /// </summary>
    public PolicyDecision Explain(AuthorizationRequest request, Account? resourceAccount) =>
        OrganizationPolicies.Explain(ScopeFor(request.PrincipalArn, request.Action, resourceAccount),
            request.WithDefaults(PrincipalContext(request.PrincipalArn, resourceAccount)));

    /// <summary>
    /// What decides a request (AWS Organizations user guide, "Understanding SCPs and RCPs"): the SCPs of the principal's
    /// account when it is a member account of the organization, and the RCPs of the resource's account when it is a member
    /// account and the action's service is one RCPs cover. The management account is subject to neither.
    /// </summary>
    public AuthorizationScope ScopeFor(string principalArn, string action, Account? resourceAccount)
    {
        var principalAccount = Account(AccountIdOf(principalArn));
        var scps = principalAccount switch
        {
            null => (null, "the principal is not in an account of the organization"),
            { Kind: AccountKind.Management } => (null, "requests by the management account's principals are not subject to SCPs"),
            _ => ((PolicyChain?)ChainFor(principalAccount), (string?)null),
        };
        var rcps = resourceAccount switch
        {
            _ when !PolicyTypes.RcpsCover(action) => (null, $"{action.Split(':')[0]} is not a service RCPs cover (S3, STS, KMS, SQS, Secrets Manager)"),
            null => (null, "the resource is not in an account of the organization"),
            { Kind: AccountKind.Management } => (null, "the management account's resources are not subject to RCPs"),
            _ => ((PolicyChain?)ChainFor(resourceAccount, PolicyType.ResourceControlPolicy), (string?)null),
        };
        return new AuthorizationScope(scps.Item1, scps.Item2, rcps.Item1, rcps.Item2);
    }

    /// <summary>
    /// The request context Organizations' conditions read about the principal: aws:PrincipalAccount, aws:PrincipalOrgID (only
    /// for a principal of the organization), aws:PrincipalIsAWSService, and aws:ResourceAccount/aws:ResourceOrgID.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string[]>> PrincipalContext(string principalArn, Account? resourceAccount)
    {
        var service = principalArn.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase);
        yield return KeyValuePair.Create("aws:PrincipalIsAWSService", new[] { service ? "true" : "false" });
        if (AccountIdOf(principalArn) is { } accountId)
        {
            yield return KeyValuePair.Create("aws:PrincipalAccount", new[] { accountId });
            if (Account(accountId) is not null && Zone is not null)
            {
                yield return KeyValuePair.Create("aws:PrincipalOrgID", new[] { Zone.OrganizationId });
            }
        }
        if (resourceAccount is not null)
        {
            yield return KeyValuePair.Create("aws:ResourceAccount", new[] { resourceAccount.Id });
            if (Zone is not null)
            {
                yield return KeyValuePair.Create("aws:ResourceOrgID", new[] { Zone.OrganizationId });
            }
        }
    }

    /// <summary>The 12-digit account of an IAM ARN (<c>arn:aws:iam::123456789012:…</c>), or null.</summary>
    public static string? AccountIdOf(string arn) =>
        arn.Split(':') is [_, _, _, _, { Length: 12 } account, ..] && account.All(char.IsAsciiDigit) ? account : null;
}
