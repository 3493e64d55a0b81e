using MirrorTower.Engine.Policies;

namespace MirrorTower.Engine.Tests.Policies;

public sealed class PolicyParserTests
{
    public static TheoryData<string, string, string> Malformed => new()
    {
        { """{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "Version", "Version is required" },
        { """{"Version":"2012-10-17"}""", "Statement", "Statement is required" },
        { """{"Version":"2012-10-17","Statement":[]}""", "Statement", "non-empty" },
        { """{"Version":"2012-10-17","Statement":[{"Action":"*","Resource":"*"}]}""", "Statement[0].Effect", "Allow\" or \"Deny" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}""", "Statement[0].Effect", "Allow\" or \"Deny" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","NotAction":"s3:*","Resource":"*"}]}""", "Statement[0].Action", "exactly one of Action and NotAction" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Resource":"*"}]}""", "Statement[0].Action", "exactly one of Action and NotAction" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*"}]}""", "Statement[0].Resource", "exactly one of Resource and NotResource" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"DeleteBucket","Resource":"*"}]}""", "Statement[0].Action", "service:Operation" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":[],"Resource":"*"}]}""", "Statement[0].Action", "non-empty" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}""", "Statement[0].Principal", "do not support Principal" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Acton":"x"}]}""", "Statement[0].Acton", "Unknown element" },
        { """{"Version":"2012-10-17","Statment":[]}""", "Statment", "Unknown element" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEqulas":{"k":"v"}}}]}""", "Statement[0].Condition.StringEqulas", "Unknown condition operator" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"maybe"}}}]}""", "Statement[0].Condition.Bool.aws:SecureTransport", "true or false" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"a":1}}}}]}""", "Statement[0].Condition.StringEquals.k", "condition key takes" },
        { """[1,2]""", "(document)", "JSON object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedPoliciesNameTheElement(string json, string element, string message)
    {
        var result = PolicyParser.Parse(json, "p");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Element == element && e.Message.Contains(message));
    }

    [Fact]
    public void JsonSyntaxErrorsGiveLineAndColumn()
    {
        const string json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Deny\" \"Action\": \"*\" } ]\n}";

        var error = Assert.Single(PolicyParser.Parse(json, "p").Errors);

        Assert.Equal(3, error.Line);
        Assert.Equal(37, error.Column); // the quote that opens "Action"
        Assert.Contains("JSON syntax error", error.Message);
    }

    [Fact]
    public void ReportsEveryErrorNotOnlyTheFirst()
    {
        var result = PolicyParser.Parse("""{"Version":"1","Statement":[{"Effect":"Maybe","Action":"*"}]}""", "p");

        Assert.Equal(["Version", "Statement[0].Effect", "Statement[0].Resource"], result.Errors.Select(e => e.Element));
    }

    [Theory]
    [InlineData("ForAnyValue:StringLike", ConditionOperator.StringLike, SetQualifier.ForAnyValue, false)]
    [InlineData("ForAllValues:StringNotEqualsIfExists", ConditionOperator.StringNotEquals, SetQualifier.ForAllValues, true)]
    [InlineData("ArnNotLikeIfExists", ConditionOperator.ArnNotLike, SetQualifier.None, true)]
    [InlineData("Null", ConditionOperator.Null, SetQualifier.None, false)]
    public void ParsesOperatorsWithPrefixesAndSuffix(string text, ConditionOperator op, SetQualifier set, bool ifExists)
    {
        var json = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"OP":{"k":"true"}}}}"""
            .Replace("OP", text, StringComparison.Ordinal);
        var policy = PolicyParser.Parse(json, "p").Policy!;

        var clause = policy.Statements[0].Conditions.Single();

        Assert.Equal((op, set, ifExists), (clause.Operator, clause.Set, clause.IfExists));
    }

    [Fact]
    public void CountsTheCharactersOfTheDocument()
    {
        const string json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""";

        Assert.Equal(json.Length, PolicyParser.Parse(json, "p").Policy!.Characters);
    }
}
