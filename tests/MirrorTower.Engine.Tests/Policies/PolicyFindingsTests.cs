using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>
/// Findings in the spirit of IAM Access Analyzer's policy validation: errors are what AWS refuses, warnings are valid
/// statements that do nothing; each points at its statement by Sid or number.
/// </summary>
public sealed class PolicyFindingsTests
{
    private static IReadOnlyList<PolicyFinding> Findings(params string[] statements) => PolicyFindings.Of(Document("[" + string.Join(",", statements) + "]"));

    [Fact]
    public void FullAwsAccessHasNoFinding() => Assert.Empty(PolicyFindings.Of(FullAwsAccess));

    [Fact]
    public void AnUnknownOperatorIsAnErrorOnItsStatementNamedBySid()
    {
        var finding = Assert.Single(Findings("""{"Sid":"NoPublic","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEqulas":{"k":"v"}}}"""));

        Assert.Equal((FindingSeverity.Error, "Statement[0].Condition.StringEqulas", "NoPublic"), (finding.Severity, finding.Element, finding.Statement));
        Assert.Contains("Unknown condition operator", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResourceTypeWithAWildcardIsAnError()
    {
        var finding = Assert.Single(Findings("""{"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::123456789012:u*"}"""));

        Assert.Equal((FindingSeverity.Error, "statement 1"), (finding.Severity, finding.Statement));
    }

    [Fact]
    public void ASidUsedTwiceIsAnError()
    {
        var finding = Assert.Single(Findings(
            """{"Sid":"Same","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""",
            """{"Sid":"Same","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}"""));

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("used by statements 1 and 2", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Sid":"DenyAll","Effect":"Deny","Action":"*","Resource":"*"}""", """{"Sid":"AllowS3","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""")]
    [InlineData("""{"Sid":"DenyAll","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::*"}""", """{"Sid":"AllowS3","Effect":"Allow","Action":["s3:Get*","S3:PUTOBJECT"],"Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""")]
    public void AnAllowThatAnUnconditionalDenyCoversIsAWarning(string deny, string allow)
    {
        var finding = Assert.Single(Findings(deny, allow));

        Assert.Equal((FindingSeverity.Warning, "Statement[1]", "AllowS3"), (finding.Severity, finding.Element, finding.Statement));
        Assert.Contains("DenyAll denies every action and resource it allows", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"ap-south-1"}}}""", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""")]
    [InlineData("""{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}""", """{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::a"}""", """{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b"}""")]
    public void AnAllowThatSomeRequestStillReachesIsNoFinding(string deny, string allow) =>
        Assert.Empty(Findings(deny, allow));

    [Fact]
    public void NotActionOfEverythingMatchesNothing()
    {
        var finding = Assert.Single(Findings("""{"Effect":"Deny","NotAction":"*","Resource":"*"}"""));

        Assert.Equal((FindingSeverity.Warning, "Statement[0].NotAction"), (finding.Severity, finding.Element));
    }
}
