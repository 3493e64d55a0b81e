using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Features.Compliance;

namespace MirrorTower.Portal.Tests.Features.Compliance;

/// <summary>
/// The memo gives back a resource's verdicts only when every input of the rules is the same: the resource's type, ARN,
/// name and settings, its account's scope, and the rules in effect (a changed setting must be evaluated again).
/// </summary>
public sealed class VerdictMemoTests
{
    private const string Settings = """{"PublicRead":"false","Versioning":"true"}""";
    private static readonly IReadOnlyList<DetectiveRule> Rules = [.. DetectiveRules.All.Take(2)];
    private static readonly VerdictMemo.Verdict[] Verdicts = [new(Rules[0].ControlIdentifier, new RuleResult(ComplianceType.COMPLIANT, "ok"))];

    public static TheoryData<string, string, string, string, string> ChangedInputs => new()
    {
        { "settings value", "AWS::S3::Bucket", "arn:aws:s3:::logs", "logs", """{"PublicRead":"true","Versioning":"true"}""" },
        { "settings key", "AWS::S3::Bucket", "arn:aws:s3:::logs", "logs", """{"PublicReed":"false","Versioning":"true"}""" },
        { "type", "AWS::EC2::Volume", "arn:aws:s3:::logs", "logs", Settings },
        { "ARN", "AWS::S3::Bucket", "arn:aws:s3:::logs2", "logs", Settings },
        { "name", "AWS::S3::Bucket", "arn:aws:s3:::logs", "logs2", Settings },
        // The same characters split differently between two parts.
        { "boundary", "AWS::S3::Bucket", "arn:aws:s3:::log", "slogs", Settings },
    };

    [Theory]
    [MemberData(nameof(ChangedInputs))]
    public void AChangedInputOfTheResourceIsEvaluatedAgain(string change, string type, string arn, string name, string settings)
    {
        var memo = new VerdictMemo();
        memo.Set(7, VerdictMemo.Digest("AWS::S3::Bucket", "arn:aws:s3:::logs", "logs", Settings), AccountScope.Member, Rules, Verdicts);

        Assert.True(memo.TryGet(7, VerdictMemo.Digest("AWS::S3::Bucket", "arn:aws:s3:::logs", "logs", Settings), AccountScope.Member, [.. Rules], out var same));
        Assert.Same(Verdicts, same);
        Assert.False(memo.TryGet(7, VerdictMemo.Digest(type, arn, name, settings), AccountScope.Member, Rules, out _), change);
    }

    [Fact]
    public void OtherRulesAnotherScopeOrAnotherResourceAreEvaluatedAgain()
    {
        var memo = new VerdictMemo();
        var digest = VerdictMemo.Digest("AWS::S3::Bucket", "arn:aws:s3:::logs", "logs", Settings);
        memo.Set(7, digest, AccountScope.Member, Rules, Verdicts);

        Assert.False(memo.TryGet(7, digest, AccountScope.Shared, Rules, out _));
        Assert.False(memo.TryGet(7, digest, AccountScope.Member, [Rules[0]], out _));
        Assert.False(memo.TryGet(7, digest, AccountScope.Member, [Rules[1], Rules[0]], out _));
        Assert.False(memo.TryGet(8, digest, AccountScope.Member, Rules, out _));

        memo.KeepOnly(new HashSet<long> { 8 });
        Assert.False(memo.TryGet(7, digest, AccountScope.Member, Rules, out _));
    }
}
