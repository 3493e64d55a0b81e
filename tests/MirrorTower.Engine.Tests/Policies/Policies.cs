using MirrorTower.Engine.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>Builders for the policy tests: documents, one-level chains, requests.</summary>
internal static class Policies
{
    public const string FullAwsAccess = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public static ServiceControlPolicy Parse(string json, string name = "test-policy")
    {
        var result = PolicyParser.Parse(json, name);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Policy!;
    }

    /// <summary>A document with one statement.</summary>
    public static string Document(string statement) => $$"""{"Version":"2012-10-17","Statement":{{statement}}}""";

    /// <summary>A root with FullAWSAccess plus the given statement, and an account with FullAWSAccess.</summary>
    public static PolicyChain WithStatement(string statement) => new([
        new PolicyLevel("Root", [Parse(FullAwsAccess, "FullAWSAccess"), Parse(Document(statement), "guardrail")]),
        new PolicyLevel("Account", [Parse(FullAwsAccess, "FullAWSAccess")]),
    ]);

    public static AuthorizationRequest Request(
        string action,
        string resource = "*",
        string principal = "arn:aws:iam::111122223333:role/Developer",
        string? region = "eu-west-1",
        params (string Key, string[] Values)[] context) =>
        new(principal, action, resource, region, context.Select(c => KeyValuePair.Create(c.Key, c.Values)));
}
