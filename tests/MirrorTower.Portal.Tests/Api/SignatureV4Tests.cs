using MirrorTower.Portal.Security;
using System.Security.Cryptography;
using System.Text;
using MirrorTower.Portal.Features.Mirroring.Ec2;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>The SigV4 verifier against the worked example of AWS's Signature Version 4 documentation (IAM ListUsers).</summary>
public sealed class SignatureV4Tests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private static SignedRequest Request(string query = "?Action=ListUsers&Version=2010-05-08") => new("GET", "/", query,
        new Dictionary<string, string>
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["host"] = "iam.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
        }, []);

    [Fact]
    public void TheDocumentedExampleVerifies()
    {
        var authorization = SigV4Authorization.Parse(Header)!;

        var canonical = SignatureV4.CanonicalRequest(Request(), authorization);

        Assert.Equal("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        Assert.True(SignatureV4.Verify(Request(), authorization, Secret, out _));
    }

    [Theory]
    [InlineData("?Action=ListUsers&Version=2010-05-09", Secret)]
    [InlineData("?Action=ListUsers&Version=2010-05-08", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEz")]
    public void AChangedRequestOrAnotherSecretDoesNot(string query, string secret)
    {
        Assert.False(SignatureV4.Verify(Request(query), SigV4Authorization.Parse(Header)!, secret, out _));
    }

    // Signature Version 4 in the IAM user guide ("Elements of an AWS API request signature", "Troubleshoot"): a request
    // signed more than 5 minutes from AWS's clock is refused with the server's time in the message; the credential
    // scope's date is the request's; host and x-amz-date are signed. The payload hash is the body's.
    [Theory]
    [InlineData("2015-08-30T12:40:59Z", null, null, null)]
    [InlineData("2015-08-30T12:31:01Z", null, null, null)]
    [InlineData("2015-08-30T12:41:01Z", null, null, "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)")]
    [InlineData("2015-08-30T12:30:59Z", null, null, "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)")]
    [InlineData("2015-08-30T12:36:00Z", "20150827", null, "the scope's date 20150827 is not the request's 20150830")]
    [InlineData("2015-08-30T12:36:00Z", null, "content-type;x-amz-date", "The host and x-amz-date headers must be signed")]
    public void ARequestOffByMoreThanFiveMinutesOrScopedToAnotherDayIsRefused(string now, string? scopeDate, string? signedHeaders, string? problem)
    {
        var header = Header.Replace("20150830/", (scopeDate ?? "20150830") + "/", StringComparison.Ordinal)
            .Replace("content-type;host;x-amz-date", signedHeaders ?? "content-type;host;x-amz-date", StringComparison.Ordinal);

        var found = SignatureV4.Problem(Request(), SigV4Authorization.Parse(header)!, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ADeclaredPayloadHashIsCheckedAgainstTheBodyNeverTrustedInItsPlace()
    {
        var original = Encoding.UTF8.GetBytes("Action=DescribeTrafficMirrorFilters&Version=2016-11-15");
        var replayed = Encoding.UTF8.GetBytes("Action=DeleteTrafficMirrorFilter&TrafficMirrorFilterId=tmf-0123456789abcdef0&Version=2016-11-15");
        var headers = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["x-amz-date"] = "20150830T123600Z", ["x-amz-content-sha256"] = Convert.ToHexStringLower(SHA256.HashData(original)),
        };
        var authorization = SigV4Authorization.Parse("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")!;

        var asSigned = SignatureV4.CanonicalRequest(new SignedRequest("POST", "/aws", "", headers, original), authorization);
        var asReplayed = SignatureV4.CanonicalRequest(new SignedRequest("POST", "/aws", "", headers, replayed), authorization);
        var problem = SignatureV4.Problem(new SignedRequest("POST", "/aws", "", headers, replayed), authorization, new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        Assert.NotEqual(asSigned, asReplayed);
        Assert.EndsWith(Convert.ToHexStringLower(SHA256.HashData(replayed)), asReplayed, StringComparison.Ordinal);
        Assert.Equal("The provided 'x-amz-content-sha256' header does not match what was computed.", problem);
    }
}
