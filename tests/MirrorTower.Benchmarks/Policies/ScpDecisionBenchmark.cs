using BenchmarkDotNet.Attributes;
using MirrorTower.Engine.Policies;

namespace MirrorTower.Benchmarks.Policies;

/// <summary>
/// Issue 3's target: a chain of root, three OUs and an account, with 5 SCPs of 10 statements each at every
/// level (250 statements), using wildcards and conditions; at least 1,000,000 decisions per second on one core.
/// Each invocation decides the same 8 mixed requests, so ns/op divided by 8 is the time of one decision.
/// </summary>
[MemoryDiagnoser]
public class ScpDecisionBenchmark
{
    public const int RequestsPerInvocation = 8;

    private PolicyChain _chain = default!;
    private AuthorizationRequest[] _requests = default!;

    [GlobalSetup]
    public void Setup()
    {
        string[] levels = ["Root", "OU Workloads", "OU Prod", "OU Payments", "Account 111122223333"];
        _chain = new PolicyChain(levels.Select((level, l) => new PolicyLevel(level,
            Enumerable.Range(0, 5).Select(p => PolicyParser.Parse(Document(l, p), $"scp-{l}-{p}").Policy!).ToList())).ToList());
        _requests =
        [
            Request("s3:PutObject", "arn:aws:s3:::app-data/key", "eu-west-1"),
            Request("ec2:RunInstances", "*", "eu-west-1"),
            Request("ec2:RunInstances", "*", "ap-south-1"),
            Request("iam:CreateAccessKey", "*", "us-east-1", "arn:aws:iam::111122223333:root"),
            Request("s3:DeleteBucket", "arn:aws:s3:::aws-controltower-logs-111122223333-eu-west-1", "eu-west-1"),
            Request("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "eu-west-1"),
            Request("kms:Decrypt", "*", "eu-west-1", tags: ["team", "cost"]),
            Request("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:api", "us-east-1"),
        ];
    }

    [Benchmark(OperationsPerInvoke = RequestsPerInvocation)]
    public int Decide()
    {
        var denied = 0;
        foreach (var request in _requests)
        {
            if (ScpEvaluator.Decide(_chain, request).Decision != Decision.Allowed)
            {
                denied++;
            }
        }
        return denied;
    }

    private static AuthorizationRequest Request(string action, string resource, string region,
        string principal = "arn:aws:iam::111122223333:role/Developer", string[]? tags = null) =>
        new(principal, action, resource, region, tags is null ? null : [KeyValuePair.Create("aws:TagKeys", tags)]);

    /// <summary>Ten statements: FullAWSAccess-like allows, then denies with wildcards and conditions.</summary>
    private static string Document(int level, int policy)
    {
        var statements = new List<string>
        {
            """{"Effect":"Allow","Action":"*","Resource":"*"}""",
        };
        for (var s = 1; s < 10; s++)
        {
            var n = level * 100 + policy * 10 + s;
            statements.Add(((s % 4) switch
            {
                0 => """{"Sid":"DenyDelete#","Effect":"Deny","Action":["s3:Delete*","s3:PutBucket*"],"Resource":"arn:aws:s3:::aws-controltower*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/AWSControlTowerExecution"}}}""",
                1 => """{"Sid":"Region#","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]},"ArnNotLike":{"aws:PrincipalARN":["arn:*:iam::*:role/AWSControlTowerExecution"]}}}""",
                2 => """{"Sid":"Root#","Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}""",
                _ => """{"Sid":"Tags#","Effect":"Deny","Action":["ec2:CreateVpcPeering*","ec2:*InternetGateway","kms:Schedule*"],"Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret#"]}}}""",
            }).Replace("#", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        return $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";
    }
}
