using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>Every condition operator of the reference, with IfExists, the set prefixes and absent keys.</summary>
public sealed class ConditionTests
{
    /// <summary>A Deny of everything under one condition: denied exactly when the condition holds.</summary>
    private static bool Holds(string condition, params (string Key, string[] Values)[] context)
    {
        var chain = WithStatement($$"""{"Effect":"Deny","Action":"*","Resource":"*","Condition":{{condition}}}""");
        return ScpEvaluator.Decide(chain, Request("s3:PutObject", region: null, context: context)).Decision == Decision.ExplicitDeny;
    }

    private static (string, string[]) Key(string key, params string[] values) => (key, values);

    public static TheoryData<string, (string, string[])[], bool> Cases => new()
    {
        // String operators: values are case-sensitive; the values of one key are ORed.
        { """{"StringEquals":{"aws:ResourceTag/env":"prod"}}""", [Key("aws:ResourceTag/env", "prod")], true },
        { """{"StringEquals":{"aws:ResourceTag/env":"prod"}}""", [Key("aws:ResourceTag/env", "Prod")], false },
        { """{"StringEquals":{"aws:ResourceTag/env":["dev","prod"]}}""", [Key("aws:ResourceTag/env", "prod")], true },
        { """{"StringEquals":{"aws:ResourceTag/env":"prod"}}""", [], false },
        { """{"StringNotEquals":{"aws:ResourceTag/env":"prod"}}""", [Key("aws:ResourceTag/env", "dev")], true },
        { """{"StringNotEquals":{"aws:ResourceTag/env":"prod"}}""", [Key("aws:ResourceTag/env", "prod")], false },
        { """{"StringEqualsIgnoreCase":{"aws:ResourceTag/env":"PROD"}}""", [Key("aws:ResourceTag/env", "prod")], true },
        { """{"StringLike":{"aws:ResourceTag/team":"net*"}}""", [Key("aws:ResourceTag/team", "network")], true },
        { """{"StringLike":{"aws:ResourceTag/team":"net*"}}""", [Key("aws:ResourceTag/team", "Network")], false },
        { """{"StringNotLike":{"aws:ResourceTag/team":"net*"}}""", [Key("aws:ResourceTag/team", "data")], true },
        // Condition key names compare case-insensitively.
        { """{"StringEquals":{"AWS:RESOURCETAG/ENV":"prod"}}""", [Key("aws:ResourceTag/env", "prod")], true },
        { """{"ArnLike":{"aws:principalarn":"arn:aws:iam::*:root"}}""", [], false },
        // Negated operators hold on an absent key; positive ones do not.
        { """{"StringNotEquals":{"aws:ResourceTag/env":"prod"}}""", [], true },
        { """{"StringNotLike":{"aws:ResourceTag/env":"prod"}}""", [], true },
        { """{"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::x"}}""", [], true },
        { """{"ArnNotEquals":{"aws:SourceArn":"arn:aws:s3:::x"}}""", [], true },
        { """{"StringLike":{"aws:ResourceTag/env":"*"}}""", [], false },
        // IfExists: holds when the key is absent, tests the value when present.
        { """{"StringEqualsIfExists":{"aws:ResourceTag/env":"prod"}}""", [], true },
        { """{"StringEqualsIfExists":{"aws:ResourceTag/env":"prod"}}""", [Key("aws:ResourceTag/env", "dev")], false },
        { """{"StringEqualsIfExists":{"aws:ResourceTag/env":"prod"}}""", [Key("aws:ResourceTag/env", "prod")], true },
        { """{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}""", [], true },
        // Bool and Null.
        { """{"Bool":{"aws:MultiFactorAuthPresent":"false"}}""", [Key("aws:MultiFactorAuthPresent", "false")], true },
        { """{"Bool":{"aws:MultiFactorAuthPresent":false}}""", [Key("aws:MultiFactorAuthPresent", "FALSE")], true },
        { """{"Bool":{"aws:MultiFactorAuthPresent":"false"}}""", [Key("aws:MultiFactorAuthPresent", "true")], false },
        { """{"Bool":{"aws:MultiFactorAuthPresent":"false"}}""", [], false },
        { """{"Null":{"aws:ResourceTag/owner":"true"}}""", [], true },
        { """{"Null":{"aws:ResourceTag/owner":"true"}}""", [Key("aws:ResourceTag/owner", "ana")], false },
        { """{"Null":{"aws:ResourceTag/owner":"false"}}""", [Key("aws:ResourceTag/owner", "ana")], true },
        // ArnLike matches each of the six ARN parts separately; StringLike's * crosses colons.
        { """{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:root"}}""", [Key("aws:SourceArn", "arn:aws:iam::111122223333:root")], true },
        { """{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*"}}""", [Key("aws:SourceArn", "arn:aws:iam::111122223333:root")], false },
        { """{"StringLike":{"aws:SourceArn":"arn:aws:iam::*"}}""", [Key("aws:SourceArn", "arn:aws:iam::111122223333:root")], true },
        { """{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket/*"}}""", [Key("aws:SourceArn", "arn:aws:s3:::bucket/a:b")], true },
        { """{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:111122223333:topic"}}""", [Key("aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:topic")], true },
        { """{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:role/X"}}""", [Key("aws:SourceArn", "not-an-arn")], false },
        // ForAnyValue: one request value is enough; an absent key fails.
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret","pii"]}}""", [Key("aws:TagKeys", "team", "pii")], true },
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret","pii"]}}""", [Key("aws:TagKeys", "team")], false },
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret"]}}""", [], false },
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret"]}}""", [Key("aws:TagKeys")], false },
        { """{"ForAnyValue:StringNotLike":{"aws:TagKeys":["team*"]}}""", [Key("aws:TagKeys", "team", "cost")], true },
        // ForAllValues: every request value must match; an absent or empty key holds.
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["team","cost"]}}""", [Key("aws:TagKeys", "team", "cost")], true },
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["team","cost"]}}""", [Key("aws:TagKeys", "team", "owner")], false },
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}""", [], true },
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}""", [Key("aws:TagKeys")], true },
        { """{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}""", [Key("aws:TagKeys", "team", "cost")], true },
        { """{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}""", [Key("aws:TagKeys", "team", "secret")], false },
        // Several keys and several operators are ANDed.
        { """{"StringEquals":{"aws:ResourceTag/env":"prod","aws:ResourceTag/team":"net"}}""", [Key("aws:ResourceTag/env", "prod")], false },
        { """{"StringEquals":{"aws:ResourceTag/env":"prod"},"Bool":{"aws:SecureTransport":"false"}}""", [Key("aws:ResourceTag/env", "prod"), Key("aws:SecureTransport", "false")], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConditionsHoldAsTheReferenceSays(string condition, (string, string[])[] context, bool expected) =>
        Assert.Equal(expected, Holds(condition, context));

    [Fact]
    public void RequestedRegionAndPrincipalArnComeFromTheRequest()
    {
        var chain = WithStatement("""{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-west-2"},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}}""");

        var denied = ScpEvaluator.Decide(chain, Request("ec2:RunInstances", principal: "arn:aws:iam::111122223333:user/bob", region: "us-west-2"));
        var otherRegion = ScpEvaluator.Decide(chain, Request("ec2:RunInstances", principal: "arn:aws:iam::111122223333:user/bob", region: "eu-west-1"));

        Assert.Equal(Decision.ExplicitDeny, denied.Decision);
        Assert.Equal(Decision.Allowed, otherRegion.Decision);
    }
}
