using System.Security.Cryptography;
using System.Text;
using MirrorTower.Portal.Api.Ec2;

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

    [Theory]
    [InlineData("20150830T123600Z", "2015-08-30T12:50:00Z", true)]
    [InlineData("20150830T123600Z", "2015-08-30T12:52:00Z", false)]
    [InlineData("not a date", "2015-08-30T12:36:00Z", false)]
    public void ARequestSignedMoreThanFifteenMinutesAwayHasExpired(string amzDate, string now, bool fresh)
    {
        Assert.Equal(fresh, SignatureV4.IsFresh(amzDate, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
