using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>Action, NotAction, Resource, NotResource, wildcards and the case rules.</summary>
public sealed class GrammarTests
{
    public static TheoryData<string, string, string, Decision> Cases => new()
    {
        // Action wildcards: * and ?, and action names compare case-insensitively.
        { """{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}""", "s3:DeleteBucket", "*", Decision.ExplicitDeny },
        { """{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}""", "s3:PutObject", "*", Decision.Allowed },
        { """{"Effect":"Deny","Action":"s3:DeleteBucke?","Resource":"*"}""", "s3:DeleteBucket", "*", Decision.ExplicitDeny },
        { """{"Effect":"Deny","Action":"s3:DeleteBucke?","Resource":"*"}""", "s3:DeleteBucketPolicy", "*", Decision.Allowed },
        { """{"Effect":"Deny","Action":"S3:DELETEBUCKET","Resource":"*"}""", "s3:deletebucket", "*", Decision.ExplicitDeny },
        { """{"Effect":"Deny","Action":"ec2:*Vpc*","Resource":"*"}""", "ec2:CreateVpcPeeringConnection", "*", Decision.ExplicitDeny },
        { """{"Effect":"Deny","Action":["s3:PutObject","ec2:*"],"Resource":"*"}""", "ec2:RunInstances", "*", Decision.ExplicitDeny },
        // NotAction: everything except the listed actions.
        { """{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*"}""", "iam:CreateUser", "*", Decision.Allowed },
        { """{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*"}""", "s3:ListBucket", "*", Decision.ExplicitDeny },
        // Resources: wildcards, case-sensitive; * crosses colons in a resource pattern.
        { """{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::logs-*"}""", "s3:PutObject", "arn:aws:s3:::logs-2026", Decision.ExplicitDeny },
        { """{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::logs-*"}""", "s3:PutObject", "arn:aws:s3:::LOGS-2026", Decision.Allowed },
        { """{"Effect":"Deny","Action":"*","Resource":"arn:aws:*"}""", "iam:DeleteRole", "arn:aws:iam::111122223333:role/x", Decision.ExplicitDeny },
        { """{"Effect":"Deny","Action":"*","Resource":["arn:aws:s3:::a","arn:aws:s3:::b"]}""", "s3:PutObject", "arn:aws:s3:::b", Decision.ExplicitDeny },
        // NotResource: every resource except the listed ones.
        { """{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public-*"}""", "s3:PutObject", "arn:aws:s3:::public-site", Decision.Allowed },
        { """{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public-*"}""", "s3:PutObject", "arn:aws:s3:::private", Decision.ExplicitDeny },
        // A statement given as an object rather than an array.
        { """[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]""", "s3:GetObject", "*", Decision.ExplicitDeny },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesStatementsAsTheReferenceSays(string statement, string action, string resource, Decision expected)
    {
        var chain = WithStatement(statement);

        var decision = ScpEvaluator.Decide(chain, Request(action, resource));

        Assert.Equal(expected, decision.Decision);
    }

    [Fact]
    public void AStatementObjectAndAOneElementArrayAreTheSame()
    {
        var asObject = Parse(Document("""{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}"""));
        var asArray = Parse(Document("""[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]"""));

        Assert.Single(asObject.Statements);
        Assert.Single(asArray.Statements);
        Assert.Equal(asObject.Statements[0].Actions, asArray.Statements[0].Actions);
    }
}
