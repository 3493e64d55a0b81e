using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>
/// Resource ARNs as IAM's "IAM JSON policy elements: Resource" page describes them
/// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html, "Using wildcards in resource
/// ARNs"): wildcards within segments, a * at the end of a segment expanding beyond the colons, the page's own S3 lists of
/// objects that DOC-EXAMPLE-BUCKET/*/test/* does and does not cover, no wildcard in the service part, and none inside a
/// resource type (its arn:aws:iam::123456789012:u* example).
/// </summary>
public sealed class ResourcePatternTests
{
    private const string Bucket = "arn:aws:s3:::DOC-EXAMPLE-BUCKET/";

    [Theory]
    [InlineData("1/test/object.jpg")]
    [InlineData("1/2/test/object.jpg")]
    [InlineData("1/2/test/3/object.jpg")]
    [InlineData("1/2/3/test/4/object.jpg")]
    [InlineData("1///test///object.jpg")]
    [InlineData("1/test/.jpg")]
    [InlineData("/test/object.jpg")]
    [InlineData("1/test/")]
    public void TheStarsOfAnS3PatternCoverEveryObjectThePageLists(string key) =>
        Assert.True(new ResourcePattern(Bucket + "*/test/*").IsMatch(Bucket + key));

    [Theory]
    [InlineData("1-test/object.jpg")]
    [InlineData("test/object.jpg")]
    [InlineData("1/2/test.jpg")]
    public void AndNoneOfThoseItSaysItDoesNotCover(string key) =>
        Assert.False(new ResourcePattern(Bucket + "*/test/*").IsMatch(Bucket + key));

    public static TheoryData<string, string, bool> Segments => new()
    {
        // A wildcard stands within its segment...
        { "arn:aws:ec2:us-*-1:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true },
        { "arn:aws:ec2:us-east-?:111122223333:instance/i-1", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true },
        { "arn:aws:logs:us-east-1:111122223333:log-group:*-prod:x", "arn:aws:logs:us-east-1:111122223333:log-group:a:b-prod:x", false },
        { "arn:aws:logs:us-east-1:111122223333:log-group:?:x", "arn:aws:logs:us-east-1:111122223333:log-group:::x", false },
        // ...and a * that ends a segment expands beyond the colons.
        { "arn:aws:logs:us-east-1:111122223333:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:web-1", true },
        { "arn:aws:logs:us-east-1:111122223333:log-group:app*:log-stream:web-1", "arn:aws:logs:us-east-1:111122223333:log-group:app:x:log-stream:web-1", true },
        { "arn:aws:iam::*:role/Admin", "arn:aws:iam::111122223333:role/Admin", true },
        { "arn:aws:iam::*:role/Admin", "arn:aws:iam::111122223333:role/Admins", false },
        // Case-sensitive, as before.
        { "arn:aws:s3:::logs-*", "arn:aws:s3:::LOGS-1", false },
    };

    [Theory]
    [MemberData(nameof(Segments))]
    public void WildcardsStandWithinSegmentsAndAFinalStarCrossesColons(string pattern, string arn, bool expected) =>
        Assert.Equal(expected, new ResourcePattern(pattern).IsMatch(arn));

    public static TheoryData<string, string> Refused => new()
    {
        { "arn:aws:iam::123456789012:u*", "inside the resource type 'u*' of iam" },
        { "arn:aws:ec2:*:*:inst*/i-1", "inside the resource type 'inst*' of ec2" },
        { "arn:aws:*:us-east-1:111122223333:thing", "wildcard in its service part" },
        { "arn:aws:s?:::bucket", "wildcard in its service part" },
        { "arn:aws:*", "six colon-separated parts" },
        { "bucket/*", "neither * nor an ARN" },
    };

    /// <summary>Saved or simulated (strict), such a pattern is an error naming the element and the pattern.</summary>
    [Theory]
    [MemberData(nameof(Refused))]
    public void WhatAwsRefusesInAResourceIsAnErrorWhenSavedOrSimulated(string pattern, string message)
    {
        var json = Document("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"" + pattern + "\"}");

        var strict = PolicyParser.Parse(json, "p", strict: true);
        var stored = PolicyParser.Parse(json, "p");

        Assert.False(strict.Succeeded);
        Assert.Contains(strict.Errors, e => e.Element == "Statement[0].Resource" && e.Message.Contains(message, StringComparison.Ordinal) && e.Message.Contains(pattern, StringComparison.Ordinal));
        // A stored document is read leniently: one saved before the rule still decides.
        Assert.True(stored.Succeeded);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("arn:aws:iam::123456789012:user/*")]
    [InlineData("arn:aws:iam::*:*")]
    [InlineData("arn:aws:sqs:us-east-2:111122223333:queue*")]
    [InlineData("arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*")]
    public void WhatThePageAllowsIsAccepted(string pattern) =>
        Assert.Null(ResourcePattern.Problem(pattern));
}
