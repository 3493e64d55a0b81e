using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>
/// What a control would decide on an OU before it is enabled: its policy beside the AWS managed one of its type
/// (FullAWSAccess or RCPFullAWSAccess), as one level, and for an RCP control the requests it is written to refuse,
/// tried on the resources of the accounts it would reach.
/// </summary>
internal static class PreviewChain
{
    /// <summary>A principal outside the organization (the example account of AWS's documentation).</summary>
    public const string OutsidePrincipal = "arn:aws:iam::111122223333:role/ExternalPartner";

    public static PolicyChain For(OrganizationSnapshot org, string ouId, Control control, IReadOnlyDictionary<string, string[]> parameters)
    {
        var type = control.PolicyType;
        var policy = PolicyParser.Parse(ControlStatements.Document(Guardrails.Statements(org, control, parameters)), control.Identifier, type: type).Policy!;
        var full = type == PolicyType.ResourceControlPolicy
            ? PolicyParser.Parse(ScpPolicy.RcpFullAwsAccessDocument, ScpPolicy.RcpFullAwsAccessName, type: type).Policy!
            : PolicyParser.Parse(ScpPolicy.FullAwsAccessDocument, ScpPolicy.FullAwsAccessName).Policy!;
        return new PolicyChain([new PolicyLevel(org.DescribeTarget(ouId), [full, policy])], type);
    }

    public static IEnumerable<PreviewedProbe> Probe(OrganizationSnapshot org, PolicyChain chain, Control control, IReadOnlyList<Account> accounts,
        IReadOnlyList<AccountResource> buckets)
    {
        if (control.Probe is not { } probe)
        {
            yield break;
        }
        var region = org.Zone?.HomeRegion ?? "us-east-1";
        var service = probe.Action.Split(':')[0];
        foreach (var account in accounts.Where(a => a.Kind != AccountKind.Management))
        {
            var principal = probe.FromOutside ? OutsidePrincipal : $"arn:aws:iam::{account.Id}:role/Developer";
            IEnumerable<string> resources = service switch
            {
                "s3" => buckets.Where(b => b.AccountId == account.Id).Select(b => b.Arn + "/*"),
                "kms" => [$"arn:aws:kms:{region}:{account.Id}:key/*"],
                "sqs" => [$"arn:aws:sqs:{region}:{account.Id}:*"],
                "secretsmanager" => [$"arn:aws:secretsmanager:{region}:{account.Id}:secret:*"],
                _ => [$"arn:aws:iam::{account.Id}:role/*"],
            };
            foreach (var resource in resources)
            {
                var request = new AuthorizationRequest(principal, probe.Action, resource, region, probe.Context)
                    .WithDefaults(org.PrincipalContext(principal, account));
                var decision = ScpEvaluator.Decide(chain, request);
                if (decision.Decision == Decision.ExplicitDeny)
                {
                    var statement = chain.Levels[decision.Level].Policies[decision.Policy].Statements[decision.Statement].Label;
                    yield return new PreviewedProbe(account.Id, resource, probe.Action, principal, probe.Describes, statement);
                }
            }
        }
    }
}
