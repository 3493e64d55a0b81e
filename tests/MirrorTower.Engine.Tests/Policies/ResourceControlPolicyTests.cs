using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>
/// RCPs as AWS Organizations documents them. Grammar: "RCP syntax"
/// (docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html). Evaluation: "Resource control
/// policies (RCPs)" and "Understanding SCPs and RCPs" (…/orgs_manage_policies_rcps.html, …/orgs_manage_policies_authorization_policies.html).
/// </summary>
public sealed class ResourceControlPolicyTests
{
    private const string RcpFullAwsAccess = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";
    private const string OrgId = "o-a1b2c3d4e5";

    // The identity perimeter of the RCP examples (Organizations and KMS guides): only the organization's principals, or AWS services.
    private const string Perimeter = """
        {"Version":"2012-10-17","Statement":[{"Sid":"EnforceIdentityPerimeter","Effect":"Deny","Principal":"*","Action":["s3:*","kms:*"],"Resource":"*",
          "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"Bool":{"aws:PrincipalIsAWSService":"false"}}}]}
        """;

    private static ServiceControlPolicy Rcp(string json, string name, bool strict = false)
    {
        var parsed = PolicyParser.Parse(json, name, strict, PolicyType.ResourceControlPolicy);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        return parsed.Policy!;
    }

    private static PolicyChain Rcps(params ServiceControlPolicy[] atAccount) => new(
        [new PolicyLevel("Root", [Rcp(RcpFullAwsAccess, "RCPFullAWSAccess")]), new PolicyLevel("Account 222233334444", [Rcp(RcpFullAwsAccess, "RCPFullAWSAccess"), .. atAccount])],
        PolicyType.ResourceControlPolicy);

    private static PolicyChain Scps(params ServiceControlPolicy[] atAccount) => new(
        [new PolicyLevel("Root", [Parse(FullAwsAccess, "FullAWSAccess")]), new PolicyLevel("Account 222233334444", [Parse(FullAwsAccess, "FullAWSAccess"), .. atAccount])]);

    public static TheoryData<string, string> RefusedRcps => new()
    {
        // "Principal: … the only value you can specify is "*"" and every RCP statement has one.
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""", "Statement[0].Principal" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}]}""", "Statement[0].Principal" },
        // NotAction is not an element of RCPs (the elements table lists Action, Resource, NotResource, Condition).
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}]}""", "Statement[0].NotAction" },
        // "The effect of Allow is only supported for the RCPFullAWSAccess policy."
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""", "Statement[0].Effect" },
    };

    [Theory]
    [MemberData(nameof(RefusedRcps))]
    public void TheRcpGrammarRefusesWhatAwsRefusesNamingTheElement(string document, string element)
    {
        var parsed = PolicyParser.Parse(document, "custom", strict: true, PolicyType.ResourceControlPolicy);

        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Errors, e => e.Element == element);
    }

    [Fact]
    public void RcpFullAwsAccessAndADenyOnlyRcpParseButAnScpWithAPrincipalDoesNot()
    {
        Assert.True(PolicyParser.Parse(RcpFullAwsAccess, "RCPFullAWSAccess", type: PolicyType.ResourceControlPolicy).Succeeded);
        Assert.True(PolicyParser.Parse(Perimeter, "perimeter", strict: true, PolicyType.ResourceControlPolicy).Succeeded);
        Assert.Contains(PolicyParser.Parse(RcpFullAwsAccess, "as-scp").Errors, e => e.Element == "Statement[0].Principal");
    }

    public static TheoryData<string, string, string, Decision, PolicyType?> PerimeterCases => new()
    {
        // principal's org id (null: outside the organization), action, resource, expected, deciding type
        { OrgId, "s3:GetObject", "arn:aws:s3:::data-bucket/report.csv", Decision.Allowed, null },
        { "", "s3:GetObject", "arn:aws:s3:::data-bucket/report.csv", Decision.ExplicitDeny, PolicyType.ResourceControlPolicy },
        { "o-otherorg99", "kms:Decrypt", "arn:aws:kms:eu-west-1:222233334444:key/1", Decision.ExplicitDeny, PolicyType.ResourceControlPolicy },
        // An AWS service principal passes the perimeter (aws:PrincipalIsAWSService is true).
        { "service", "s3:PutObject", "arn:aws:s3:::data-bucket/log", Decision.Allowed, null },
    };

    [Theory]
    [MemberData(nameof(PerimeterCases))]
    public void AnRcpDeniesPrincipalsOutsideTheOrganizationOnItsResources(string principalOrg, string action, string resource, Decision expected, PolicyType? decidedBy)
    {
        var principal = principalOrg == "service" ? "cloudtrail.amazonaws.com" : "arn:aws:iam::999988887777:role/Partner";
        var context = new List<KeyValuePair<string, string[]>> { new("aws:PrincipalIsAWSService", [principalOrg == "service" ? "true" : "false"]) };
        if (principalOrg is { Length: > 0 } and not "service")
        {
            context.Add(new("aws:PrincipalOrgID", [principalOrg]));
        }
        // The principal is not in the organization: no SCP applies to it, only the resource account's RCPs.
        var scope = new AuthorizationScope(null, "the principal is not in an account of the organization", Rcps(Rcp(Perimeter, "perimeter")), null);

        var decision = OrganizationPolicies.Explain(scope, new AuthorizationRequest(principal, action, resource, "eu-west-1", context));

        Assert.Equal(expected, decision.Decision);
        Assert.Equal(decidedBy, decision.Deciding?.Type);
        if (expected == Decision.ExplicitDeny)
        {
            Assert.Equal("Explicitly denied by statement EnforceIdentityPerimeter of RCP perimeter attached at Account 222233334444.", decision.Summary);
        }
    }

    [Fact]
    public void TheEffectiveDecisionIsTheIntersectionAndAnExplicitDenyInEitherWins()
    {
        var denyDelete = Parse(Document("""{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}"""), "scp-no-delete");
        var denyPut = Rcp("""{"Version":"2012-10-17","Statement":[{"Sid":"NoPut","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}""", "rcp-no-put");
        var onlyEc2 = Parse(Document("""{"Effect":"Allow","Action":"ec2:*","Resource":"*"}"""), "only-ec2");
        var both = new AuthorizationScope(Scps(denyDelete), null, Rcps(denyPut), null);
        var implicitScp = new AuthorizationScope(new PolicyChain([new PolicyLevel("Root", [onlyEc2])]), null, Rcps(denyPut), null);

        Decision Decide(AuthorizationScope scope, string action) =>
            OrganizationPolicies.Explain(scope, Request(action, "arn:aws:s3:::b/k", principal: "arn:aws:iam::222233334444:role/App")).Decision;

        Assert.Equal(Decision.Allowed, Decide(both, "s3:GetObject"));
        Assert.Equal(Decision.ExplicitDeny, Decide(both, "s3:DeleteObject"));
        Assert.Equal(Decision.ExplicitDeny, Decide(both, "s3:PutObject"));
        // The SCP allows no S3 (implicit), the RCP denies PutObject explicitly: the explicit deny is the answer, named as an RCP's.
        var put = OrganizationPolicies.Explain(implicitScp, Request("s3:PutObject", "arn:aws:s3:::b/k"));
        Assert.Equal(Decision.ExplicitDeny, put.Decision);
        Assert.Equal(PolicyType.ResourceControlPolicy, put.Deciding!.Type);
        Assert.Equal(Decision.ImplicitDeny, Decide(implicitScp, "s3:GetObject"));
        Assert.Equal(PolicyOf(OrganizationPolicies.Explain(implicitScp, Request("s3:GetObject"))), PolicyType.ServiceControlPolicy);
    }

    [Fact]
    public void AnRcpLevelWithoutRcpFullAwsAccessAllowsNothingAndIsNamedAsAnRcpLevel()
    {
        var chain = new PolicyChain([new PolicyLevel("Root", [Rcp(RcpFullAwsAccess, "RCPFullAWSAccess")]), new PolicyLevel("OU Prod", [])], PolicyType.ResourceControlPolicy);

        var decision = OrganizationPolicies.Explain(new AuthorizationScope(null, "outside", chain, null), Request("sqs:SendMessage"));

        Assert.Equal(Decision.ImplicitDeny, decision.Decision);
        Assert.StartsWith("Implicitly denied: no RCP attached at OU Prod allows sqs:SendMessage", decision.Summary);
        Assert.Equal([PolicyType.ResourceControlPolicy, PolicyType.ResourceControlPolicy], decision.Trace.Select(t => t.Type));
    }

    [Fact]
    public void AnAllowedRequestSaysWhichPolicyTypesDidNotApplyAndWhy()
    {
        var scope = new AuthorizationScope(Scps(), null, null, "ec2 is not a service RCPs cover (S3, STS, KMS, SQS, Secrets Manager)");

        var decision = OrganizationPolicies.Explain(scope, Request("ec2:RunInstances"));

        Assert.Equal(Decision.Allowed, decision.Decision);
        Assert.Contains("RCPs do not apply: ec2 is not a service RCPs cover", decision.Summary);
        Assert.Contains("SCPs: every level (Root, Account 222233334444) allow it.", decision.Summary);
    }

    [Theory]
    [InlineData("s3:GetObject", true)]
    [InlineData("sts:AssumeRole", true)]
    [InlineData("kms:Decrypt", true)]
    [InlineData("sqs:SendMessage", true)]
    [InlineData("secretsmanager:GetSecretValue", true)]
    [InlineData("ec2:RunInstances", false)]
    [InlineData("dynamodb:GetItem", false)]
    [InlineData("iam:CreateRole", false)]
    public void RcpsCoverTheFiveServicesTheGuideLists(string action, bool covered) =>
        Assert.Equal(covered, PolicyTypes.RcpsCover(action));

    private static PolicyType? PolicyOf(PolicyDecision decision) => decision.Deciding?.Type;
}
