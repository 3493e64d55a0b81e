using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>The three example SCP statements of shared/reference/governance.md.</summary>
public sealed class ReferenceExampleTests
{
    private const string AuditBucketDeletion = """
        {"Sid":"GRAUDITBUCKETDELETIONPROHIBITED","Effect":"Deny","Action":["s3:DeleteBucket"],
         "Resource":["arn:aws:s3:::aws-controltower*"],
         "Condition":{"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/AWSControlTowerExecution"}}}
        """;

    private const string RootAccessKeys = """
        {"Sid":"GRRESTRICTROOTUSERACCESSKEYS","Effect":"Deny","Action":"iam:CreateAccessKey","Resource":["*"],
         "Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}
        """;

    private const string RegionDeny = """
        {"Sid":"GRREGIONDENY","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],
         "Resource":"*",
         "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]},
                      "ArnNotLike":{"aws:PrincipalARN":["arn:*:iam::*:role/AWSControlTowerExecution"]}}}
        """;

    private const string Execution = "arn:aws:iam::111122223333:role/AWSControlTowerExecution";
    private const string LogBucket = "arn:aws:s3:::aws-controltower-logs-111122223333-eu-west-1";

    public static TheoryData<string, string, string, string, string, Decision> Cases => new()
    {
        { AuditBucketDeletion, "s3:DeleteBucket", LogBucket, "arn:aws:iam::111122223333:role/Admin", "eu-west-1", Decision.ExplicitDeny },
        { AuditBucketDeletion, "s3:DeleteBucket", LogBucket, Execution, "eu-west-1", Decision.Allowed },
        { AuditBucketDeletion, "s3:DeleteBucket", "arn:aws:s3:::team-bucket", "arn:aws:iam::111122223333:role/Admin", "eu-west-1", Decision.Allowed },
        { AuditBucketDeletion, "s3:PutObject", LogBucket, "arn:aws:iam::111122223333:role/Admin", "eu-west-1", Decision.Allowed },
        { RootAccessKeys, "iam:CreateAccessKey", "*", "arn:aws:iam::111122223333:root", "us-east-1", Decision.ExplicitDeny },
        { RootAccessKeys, "iam:CreateAccessKey", "*", "arn:aws:iam::111122223333:user/alice", "us-east-1", Decision.Allowed },
        { RegionDeny, "ec2:RunInstances", "*", "arn:aws:iam::111122223333:role/Admin", "ap-south-1", Decision.ExplicitDeny },
        { RegionDeny, "ec2:RunInstances", "*", "arn:aws:iam::111122223333:role/Admin", "eu-west-1", Decision.Allowed },
        { RegionDeny, "iam:CreateUser", "*", "arn:aws:iam::111122223333:role/Admin", "ap-south-1", Decision.Allowed },
        { RegionDeny, "sts:AssumeRole", "*", "arn:aws:iam::111122223333:role/Admin", "ap-south-1", Decision.Allowed },
        { RegionDeny, "ec2:RunInstances", "*", Execution, "ap-south-1", Decision.Allowed },
        { RegionDeny, "ec2:RunInstances", "*", "arn:aws-cn:iam::111122223333:role/AWSControlTowerExecution", "ap-south-1", Decision.Allowed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecidesAsAwsDoes(string statement, string action, string resource, string principal, string region, Decision expected)
    {
        var chain = WithStatement(statement);

        var decision = ScpEvaluator.Explain(chain, Request(action, resource, principal, region));

        Assert.Equal(expected, decision.Decision);
        Assert.Equal(expected, ScpEvaluator.Decide(chain, Request(action, resource, principal, region)).Decision);
    }

    [Fact]
    public void TheExampleDocumentOfTheReferenceParsesAndDeniesLogArchiveDeletion()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "scp-deny-log-archive-deletion.json"));
        var chain = new PolicyChain([new PolicyLevel("Root", [Parse(FullAwsAccess, "FullAWSAccess"), Parse(json, "log-archive")])]);

        var decision = ScpEvaluator.Explain(chain, Request("s3:DeleteBucket", LogBucket));

        Assert.Equal(Decision.ExplicitDeny, decision.Decision);
        Assert.Equal(new DecidingStatement("Root", "log-archive", "GRAUDITBUCKETDELETIONPROHIBITED", Effect.Deny), decision.Deciding);
    }
}
