using MirrorTower.Engine.Policies;
using static MirrorTower.Engine.Tests.Policies.Policies;

namespace MirrorTower.Engine.Tests.Policies;

/// <summary>
/// The numeric, date, binary and IP address operators, case by case from IAM's "IAM JSON policy elements: Condition
/// operators" (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html): its
/// examples (s3:max-keys up to 10, credentials issued after 2020-01-01T00:00:01Z, 203.0.113.0/24 and
/// 2001:DB8:1234:5678::/64, the base-64 value) and its rules (an absent key does not match, a negated operator then
/// holds, IfExists holds, an address without a prefix is /32, dates as W3C ISO 8601 or epoch seconds).
/// </summary>
public sealed class TypedConditionTests
{
    private static bool Holds(string condition, params (string Key, string[] Values)[] context)
    {
        var chain = WithStatement($$"""{"Effect":"Deny","Action":"*","Resource":"*","Condition":{{condition}}}""");
        return ScpEvaluator.Decide(chain, Request("s3:ListBucket", region: null, context: context)).Decision == Decision.ExplicitDeny;
    }

    private static (string, string[]) Key(string key, params string[] values) => (key, values);

    public static TheoryData<string, (string, string[])[], bool> Cases => new()
    {
        // Numeric: "an integer or decimal value"; the page's example lets a requester list up to 10 objects.
        { """{"NumericLessThanEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "10")], true },
        { """{"NumericLessThanEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "9")], true },
        { """{"NumericLessThanEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "11")], false },
        { """{"NumericLessThanEquals":{"s3:max-keys":"10"}}""", [], false },
        { """{"NumericLessThan":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "10")], false },
        { """{"NumericGreaterThan":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "10.5")], true },
        { """{"NumericGreaterThanEquals":{"s3:max-keys":10}}""", [Key("s3:max-keys", "10")], true },
        { """{"NumericEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "10.0")], true },
        { """{"NumericEquals":{"s3:max-keys":["5","10"]}}""", [Key("s3:max-keys", "5")], true },
        { """{"NumericNotEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "11")], true },
        { """{"NumericNotEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "10")], false },
        { """{"NumericNotEquals":{"s3:max-keys":"10"}}""", [], true },
        { """{"NumericLessThanIfExists":{"s3:max-keys":"10"}}""", [], true },
        // A request value that is no number matches no policy value.
        { """{"NumericLessThan":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "ten")], false },
        { """{"NumericNotEquals":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "ten")], true },
        // Date: the page's example wants credentials issued in 2020 or later; the key is absent with access keys.
        { """{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}""", [Key("aws:TokenIssueTime", "2020-06-01T08:00:00Z")], true },
        { """{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}""", [Key("aws:TokenIssueTime", "2019-12-31T23:59:59Z")], false },
        { """{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}""", [Key("aws:TokenIssueTime", "2020-01-01T00:00:01Z")], false },
        { """{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}""", [], false },
        { """{"DateGreaterThanEquals":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}""", [Key("aws:TokenIssueTime", "2020-01-01T00:00:01Z")], true },
        { """{"DateLessThan":{"aws:CurrentTime":"2011-05-03T00:00:00Z"}}""", [Key("aws:CurrentTime", "2011-05-02T23:59:59Z")], true },
        { """{"DateLessThanEquals":{"aws:CurrentTime":"2011-05-03T00:00:00Z"}}""", [Key("aws:CurrentTime", "2011-05-03T00:00:00Z")], true },
        // W3C profiles: a day, an offset, fractions; epoch seconds (aws:EpochTime) against an ISO date and back.
        { """{"DateEquals":{"aws:CurrentTime":"2011-05-03"}}""", [Key("aws:CurrentTime", "2011-05-03T00:00:00Z")], true },
        { """{"DateEquals":{"aws:CurrentTime":"2011-05-03T02:00:00+02:00"}}""", [Key("aws:CurrentTime", "2011-05-03T00:00:00Z")], true },
        { """{"DateLessThan":{"aws:CurrentTime":"2011-05-03T00:00:00.5Z"}}""", [Key("aws:CurrentTime", "2011-05-03T00:00:00Z")], true },
        { """{"DateEquals":{"aws:EpochTime":"1304380800"}}""", [Key("aws:EpochTime", "2011-05-03T00:00:00Z")], true },
        { """{"DateGreaterThan":{"aws:EpochTime":"2011-05-03T00:00:00Z"}}""", [Key("aws:EpochTime", "1304380801")], true },
        { """{"DateNotEquals":{"aws:CurrentTime":"2011-05-03T00:00:00Z"}}""", [Key("aws:CurrentTime", "2011-05-04T00:00:00Z")], true },
        { """{"DateNotEquals":{"aws:CurrentTime":"2011-05-03T00:00:00Z"}}""", [], true },
        { """{"DateLessThan":{"aws:CurrentTime":"2011-05-03T00:00:00Z"}}""", [Key("aws:CurrentTime", "yesterday")], false },
        // IP: the page's 203.0.113.0/24 and its mixed IPv4 and IPv6 list; an address without a prefix is /32.
        { """{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", [Key("aws:SourceIp", "203.0.113.7")], true },
        { """{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", [Key("aws:SourceIp", "203.0.114.7")], false },
        { """{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", [], false },
        { """{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}""", [Key("aws:SourceIp", "2001:db8:1234:5678::9")], true },
        { """{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}""", [Key("aws:SourceIp", "2001:db8:1234:5679::9")], false },
        { """{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}""", [Key("aws:SourceIp", "203.0.113.7")], true },
        { """{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}""", [Key("aws:SourceIp", "203.0.113.8")], false },
        { """{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", [Key("aws:SourceIp", "198.51.100.1")], true },
        { """{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", [Key("aws:SourceIp", "203.0.113.1")], false },
        { """{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", [], true },
        { """{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}""", [], true },
        // Binary: byte for byte against the base-64 value of the page.
        { """{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}""", [Key("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")], true },
        { """{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}""", [Key("key", "QmluYXJ5")], false },
        { """{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}""", [], false },
        // Set operators apply to every type: ForAnyValue of several numbers.
        { """{"ForAnyValue:NumericGreaterThan":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "1", "20")], true },
        { """{"ForAllValues:NumericGreaterThan":{"s3:max-keys":"10"}}""", [Key("s3:max-keys", "1", "20")], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TypedConditionsHoldAsTheReferenceSays(string condition, (string, string[])[] context, bool expected) =>
        Assert.Equal(expected, Holds(condition, context));

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "NumericLessThan", "\"ten\"", "a number" },
        { "DateGreaterThan", "\"yesterday\"", "a date" },
        { "DateGreaterThan", "\"2020-13-01\"", "a date" },
        { "IpAddress", "\"203.0.113.300/24\"", "an IPv4 or IPv6 address or CIDR range" },
        { "NotIpAddress", "\"2001:db8::/129\"", "an IPv4 or IPv6 address or CIDR range" },
        { "BinaryEquals", "\"not base 64!\"", "base-64" },
        { "NumericEquals", "[\"1\",\"two\"]", "'two' is not one" },
    };

    /// <summary>A policy value of the wrong kind is refused when the policy is read, naming the operator, the key and the value.</summary>
    [Theory]
    [MemberData(nameof(Malformed))]
    public void APolicyValueOfTheWrongKindIsRefusedWithTheOperatorAndTheKey(string op, string value, string message)
    {
        var statement = "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"" + op + "\":{\"k\":" + value + "}}}";
        var result = PolicyParser.Parse(Document(statement), "p");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Element == $"Statement[0].Condition.{op}.k" && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
