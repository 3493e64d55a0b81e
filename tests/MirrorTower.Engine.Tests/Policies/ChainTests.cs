using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>The evaluation order: management exemption, deny anywhere, an Allow at every level.</summary>
public sealed class ChainTests
{
    private static readonly ServiceControlPolicy Full = Parse(FullAwsAccess, "FullAWSAccess");
    private static readonly ServiceControlPolicy DenyS3 = Parse(Document("""{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}"""), "deny-s3");
    private static readonly ServiceControlPolicy AllowEc2Only = Parse(Document("""{"Sid":"OnlyEc2","Effect":"Allow","Action":"ec2:*","Resource":"*"}"""), "allow-ec2");

    [Fact]
    public void ADenyAtTheAccountLevelWinsOverAllowsEverywhereElse()
    {
        var chain = new PolicyChain([new("Root", [Full]), new("OU Sandbox", [Full]), new("Account 111122223333", [Full, DenyS3])]);

        var decision = ScpEvaluator.Explain(chain, Request("s3:DeleteBucket", "arn:aws:s3:::b"));

        Assert.Equal(Decision.ExplicitDeny, decision.Decision);
        Assert.Equal(new DecidingStatement("Account 111122223333", "deny-s3", "NoS3", Effect.Deny), decision.Deciding);
        Assert.Equal(["Allow", "Allow", "ExplicitDeny"], decision.Trace.Select(t => t.Outcome));
    }

    [Fact]
    public void ALevelWithoutAMatchingAllowDeniesImplicitlyAndIsNamed()
    {
        var chain = new PolicyChain([new("Root", [Full]), new("OU Workloads", [AllowEc2Only]), new("Account", [Full])]);

        var s3 = ScpEvaluator.Explain(chain, Request("s3:PutObject"));
        var ec2 = ScpEvaluator.Explain(chain, Request("ec2:RunInstances"));

        Assert.Equal(Decision.ImplicitDeny, s3.Decision);
        Assert.Equal("OU Workloads", s3.Deciding!.Level);
        Assert.Contains("no SCP attached at OU Workloads allows s3:PutObject", s3.Summary);
        Assert.Equal(Decision.Allowed, ec2.Decision);
    }

    [Fact]
    public void ALevelWithNoPolicyAllowsNothing()
    {
        var chain = new PolicyChain([new("Root", [Full]), new("Account", [])]);

        Assert.Equal(Decision.ImplicitDeny, ScpEvaluator.Decide(chain, Request("s3:PutObject")).Decision);
    }

    [Fact]
    public void TheManagementAccountIsNotSubjectToScps()
    {
        var chain = new PolicyChain([new("Root", [Full, DenyS3])]);

        var decision = ScpEvaluator.Explain(chain, Request("s3:DeleteBucket"), managementAccount: true);

        Assert.Equal(Decision.Allowed, decision.Decision);
        Assert.Contains("management account", decision.Summary);
    }

    [Fact]
    public void TheTraceSaysWhyEachStatementDidOrDidNotMatch()
    {
        var guardrail = Parse(Document("""[{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]"""), "guard");
        var chain = new PolicyChain([new("Root", [Full, guardrail])]);

        var decision = ScpEvaluator.Explain(chain, Request("s3:PutObject", region: "eu-west-1"));
        var statement = decision.Trace[0].Policies.Single(p => p.Policy == "guard").Statements.Single();

        Assert.Equal(Decision.Allowed, decision.Decision);
        Assert.False(statement.Matched);
        Assert.Contains("StringNotEquals", statement.Reason);
        Assert.Contains("aws:RequestedRegion = [eu-west-1]", statement.Reason);
    }

    [Fact]
    public void UnnamedStatementsAreNamedByTheirPosition()
    {
        var policy = Parse(Document("""[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]"""), "two");
        var chain = new PolicyChain([new("Root", [policy])]);

        var decision = ScpEvaluator.Explain(chain, Request("ec2:RunInstances"));

        Assert.Equal("statement 2", decision.Deciding!.Statement);
    }
}
