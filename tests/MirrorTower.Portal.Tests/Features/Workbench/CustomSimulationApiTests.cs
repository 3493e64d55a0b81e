using System.Net;
using System.Text;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Workbench;

public sealed class CustomSimulationApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Full = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""";

    private static string Body(string guardrail, string request, bool management = false) => $$"""
        {"levels":[{"name":"root","policies":[{{Full}},{{guardrail}}]},{"name":"ou-workloads","policies":[{{Full}}]},{"name":"account","policies":[{{Full}}]}],
         "managementAccount":{{(management ? "true" : "false")}},
         "request":{{request}}}
        """;

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = await ApiClient.AdminAsync(factory);
        return await client.PostAsync("/api/v1/policy-simulations/custom", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    public static TheoryData<string, string, string> Families => new()
    {
        // Negated operator on an absent key holds: the deny applies.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/env":"prod"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:PutObject","resource":"*","region":"eu-west-1"}""", "ExplicitDeny" },
        // ForAllValues on an empty key holds.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:PutObject","context":{"aws:TagKeys":[]}}""", "ExplicitDeny" },
        // ForAnyValue on an absent key does not.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:PutObject"}""", "Allowed" },
        // Multi-valued keys from the request.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret"]}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:PutObject","context":{"aws:TagKeys":["team","secret"]}}""", "ExplicitDeny" },
        // ...IfExists and Null.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:DeleteObject"}""", "ExplicitDeny" },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:ResourceTag/owner":"true"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"ec2:RunInstances","context":{"aws:ResourceTag/owner":"ana"}}""", "Allowed" },
        // ArnLike matches ARN parts separately; StringLike's * crosses colons.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:root","action":"iam:CreateAccessKey"}""", "Allowed" },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:root","action":"iam:CreateAccessKey"}""", "ExplicitDeny" },
        // Case rules: action and key names ignore case, values do not.
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"S3:DELETEBUCKET","Resource":"*","Condition":{"StringEquals":{"AWS:REQUESTEDREGION":"eu-west-1"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:deletebucket","region":"eu-west-1"}""", "ExplicitDeny" },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"EU-WEST-1"}}}}""",
          """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:DeleteBucket","region":"eu-west-1"}""", "Allowed" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task DecidesWithTheEnginesSemantics(string guardrail, string request, string expected)
    {
        var response = await PostAsync(Body(guardrail, request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await response.JsonAsync()).GetProperty("decision").GetString());
    }

    [Fact]
    public async Task TheManagementAccountIsExemptAndTheTraceCoversEveryLevel()
    {
        var deny = """{"Version":"2012-10-17","Statement":{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}}""";
        var request = """{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:PutObject"}""";

        var member = await (await PostAsync(Body(deny, request))).JsonAsync();
        var management = await (await PostAsync(Body(deny, request, management: true))).JsonAsync();

        Assert.Equal("NoS3", member.GetProperty("deciding").GetProperty("statement").GetString());
        Assert.Equal("root", member.GetProperty("deciding").GetProperty("level").GetString());
        Assert.Equal(3, member.GetProperty("trace").GetArrayLength());
        Assert.Equal("Allowed", management.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task MalformedPoliciesNameTheLevelThePolicyAndTheElement()
    {
        var body = """
            {"levels":[{"name":"root","policies":[{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Principal":"*"}}]},
                       {"name":"ou-sandbox","policies":["{\"Version\":\"2012-10-17\",\n\"Statement\": [ {\"Effect\": \"Deny\" ] }"]}],
             "request":{"principalArn":"arn:aws:iam::111122223333:role/Dev","action":"s3:PutObject"}}
            """;

        var response = await PostAsync(body);
        var errors = (await response.JsonAsync()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Level root, policy 1", errors.GetProperty("levels[0].policies[0].Statement[0].Principal")[0].GetString());
        var syntax = errors.GetProperty("levels[1].policies[0].(document)")[0].GetString();
        Assert.Contains("Level ou-sandbox, policy 1", syntax);
        Assert.Contains("line 2", syntax);
    }

    [Fact]
    public async Task ABrokenBodyAndAMissingRequestAreNamed()
    {
        var syntax = await PostAsync("{\"levels\": [");
        var missing = await PostAsync("""{"levels":[{"name":"root","policies":[]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Contains("line 1", (await syntax.JsonAsync()).GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("request", out _));
    }

    [Fact]
    public async Task RcpLevelsDecideRequestsOnTheResourcesTheyCoverAndTheDecisionNamesTheRcp()
    {
        const string rcpFull = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";
        const string perimeter = """{"Version":"2012-10-17","Statement":[{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}""";
        string Body(string action, string? org)
        {
            var context = org is null ? "" : ",\"context\":{\"aws:PrincipalOrgID\":\"" + org + "\"}";
            return "{\"levels\":[{\"name\":\"root\",\"policies\":[" + Full + "]}],"
                + "\"rcpLevels\":[{\"name\":\"root\",\"policies\":[" + rcpFull + "]},{\"name\":\"ou-prod\",\"policies\":[" + rcpFull + "," + perimeter + "]}],"
                + "\"request\":{\"principalArn\":\"arn:aws:iam::999988887777:role/Partner\",\"action\":\"" + action + "\",\"resource\":\"*\",\"region\":\"eu-west-1\"" + context + "}}";
        }

        var outsider = await (await PostAsync(Body("sqs:SendMessage", null))).JsonAsync();
        var insider = await (await PostAsync(Body("sqs:SendMessage", "o-a1b2c3d4e5"))).JsonAsync();
        var uncovered = await (await PostAsync(Body("ec2:RunInstances", null))).JsonAsync();
        var notAnRcp = await PostAsync("""{"levels":[{"name":"root","policies":[]}],"rcpLevels":[{"name":"root","policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sqs:*","Resource":"*"}]}]}],"request":{"principalArn":"arn:aws:iam::1:role/x","action":"sqs:SendMessage"}}""");

        Assert.Equal("ExplicitDeny", outsider.GetProperty("decision").GetString());
        Assert.Equal("ResourceControlPolicy", outsider.GetProperty("deciding").GetProperty("type").GetString());
        Assert.Equal("OrgOnly", outsider.GetProperty("deciding").GetProperty("statement").GetString());
        Assert.Equal("Allowed", insider.GetProperty("decision").GetString());
        Assert.Equal("Allowed", uncovered.GetProperty("decision").GetString());
        Assert.Contains("RCPs do not apply: ec2 is not a service RCPs cover", uncovered.GetProperty("summary").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notAnRcp.StatusCode);
        Assert.Contains("rcpLevels[0].policies[0].Statement[0].Principal", await notAnRcp.Content.ReadAsStringAsync());
    }
}
