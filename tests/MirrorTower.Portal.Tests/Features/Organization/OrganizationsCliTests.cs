using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// AWS Organizations and STS through Debian's AWS CLI against <c>/aws</c>, with a key of the management account: the
/// same organization the pages show, changed through the same services (audited, gated by the policy tests).
/// Shapes and error codes are botocore's Organizations 2016-11-28 model.
/// </summary>
public sealed class OrganizationsCliTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private const string Deny = """{"Version":"2012-10-17","Statement":[{"Sid":"NoBucketDeletes","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}""";

    [Fact]
    public async Task AManagementKeyScriptsTheOrganizationAndThePortalSeesEveryChange()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        var aws = new AwsCli(portal, key, "us-east-1");

        var identity = await aws.JsonAsync("sts", "get-caller-identity");
        var organization = (await aws.JsonAsync("organizations", "describe-organization")).GetProperty("Organization");
        var root = (await aws.JsonAsync("organizations", "list-roots")).GetProperty("Roots")[0];
        var rootId = root.GetProperty("Id").GetString()!;
        var ous = (await aws.JsonAsync("organizations", "list-organizational-units-for-parent", "--parent-id", rootId)).GetProperty("OrganizationalUnits");
        var created = (await aws.JsonAsync("organizations", "create-organizational-unit", "--parent-id", rootId, "--name", "CliTeam")).GetProperty("OrganizationalUnit");
        var ouId = created.GetProperty("Id").GetString()!;
        var (duplicateExit, _, duplicateError) = await aws.RunAsync("organizations", "create-organizational-unit", "--parent-id", rootId, "--name", "cliteam");
        var children = (await aws.JsonAsync("organizations", "list-children", "--parent-id", rootId, "--child-type", "ORGANIZATIONAL_UNIT")).GetProperty("Children");
        var parents = (await aws.JsonAsync("organizations", "list-parents", "--child-id", ouId)).GetProperty("Parents");
        var policy = (await aws.JsonAsync("organizations", "create-policy", "--name", "cli-no-bucket-deletes", "--type", "SERVICE_CONTROL_POLICY",
            "--description", "from the CLI", "--content", Deny)).GetProperty("Policy");
        var policyId = policy.GetProperty("PolicySummary").GetProperty("Id").GetString()!;
        await aws.JsonAsync("organizations", "attach-policy", "--policy-id", policyId, "--target-id", ouId);
        var forTarget = (await aws.JsonAsync("organizations", "list-policies-for-target", "--target-id", ouId, "--filter", "SERVICE_CONTROL_POLICY")).GetProperty("Policies");
        var targets = (await aws.JsonAsync("organizations", "list-targets-for-policy", "--policy-id", policyId)).GetProperty("Targets");
        var renamed = (await aws.JsonAsync("organizations", "update-organizational-unit", "--organizational-unit-id", ouId, "--name", "CliPlatform")).GetProperty("OrganizationalUnit");
        var described = (await aws.JsonAsync("organizations", "describe-policy", "--policy-id", policyId)).GetProperty("Policy");

        Assert.Equal(key.AccountId, identity.GetProperty("Account").GetString());
        Assert.StartsWith($"arn:aws:iam::{key.AccountId}:user/", identity.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        Assert.Equal(key.AccountId, organization.GetProperty("MasterAccountId").GetString());
        Assert.Matches("^o-[a-z0-9]{10}$", organization.GetProperty("Id").GetString());
        Assert.Matches("^r-[a-z0-9]{4,32}$", rootId);
        Assert.Equal($"arn:aws:organizations::{key.AccountId}:root/{organization.GetProperty("Id").GetString()}/{rootId}", root.GetProperty("Arn").GetString());
        Assert.Contains(ous.EnumerateArray(), o => o.GetProperty("Name").GetString() == "Security");
        Assert.Matches("^ou-[a-z0-9]{4}-[a-z0-9]{8}$", ouId);
        Assert.NotEqual(0, duplicateExit);
        Assert.Contains("(DuplicateOrganizationalUnitException)", duplicateError, StringComparison.Ordinal);
        Assert.Contains(children.EnumerateArray(), c => c.GetProperty("Id").GetString() == ouId && c.GetProperty("Type").GetString() == "ORGANIZATIONAL_UNIT");
        Assert.Equal(rootId, parents[0].GetProperty("Id").GetString());
        Assert.Equal("ROOT", parents[0].GetProperty("Type").GetString());
        Assert.Contains(forTarget.EnumerateArray(), p => p.GetProperty("Id").GetString() == policyId);
        Assert.Equal(ouId, Assert.Single(targets.EnumerateArray()).GetProperty("TargetId").GetString());
        Assert.Equal("CliPlatform", renamed.GetProperty("Name").GetString());
        Assert.Equal(Deny, described.GetProperty("Content").GetString());
        Assert.False(described.GetProperty("PolicySummary").GetProperty("AwsManaged").GetBoolean());

        // What the CLI changed is what the portal shows, and each change is audited under the key's user.
        var portalOu = await OrganizationApi.OuNamedAsync(admin, "CliPlatform");
        Assert.Equal(ouId, portalOu.GetProperty("id").GetString());
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=organizations:AttachPolicy&pageSize=50")).JsonAsync();
        var attach = Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString()!.Contains(policyId, StringComparison.Ordinal));
        Assert.Equal("Succeeded", attach.GetProperty("outcome").GetString());
        Assert.Equal(PortalFactory.AdminEmail, attach.GetProperty("actor").GetString());

        var (inUseExit, _, inUse) = await aws.RunAsync("organizations", "delete-policy", "--policy-id", policyId);
        await aws.JsonAsync("organizations", "detach-policy", "--policy-id", policyId, "--target-id", ouId);
        await aws.JsonAsync("organizations", "delete-policy", "--policy-id", policyId);
        var (deletedExit, _, deleted) = await aws.RunAsync("organizations", "describe-policy", "--policy-id", policyId);
        await aws.JsonAsync("organizations", "delete-organizational-unit", "--organizational-unit-id", ouId);
        Assert.NotEqual(0, inUseExit);
        Assert.Contains("(PolicyInUseException)", inUse, StringComparison.Ordinal);
        Assert.Contains("detach it first", inUse, StringComparison.Ordinal);
        Assert.NotEqual(0, deletedExit);
        Assert.Contains("(PolicyNotFoundException)", deleted, StringComparison.Ordinal);
        var (goneExit, _, goneError) = await aws.RunAsync("organizations", "describe-organizational-unit", "--organizational-unit-id", ouId);
        Assert.NotEqual(0, goneExit);
        Assert.Contains("(OrganizationalUnitNotFoundException)", goneError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsPageWithNextTokenAndTheCliFollowsThemToTheEnd()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), "us-east-1");
        var expected = (await (await admin.GetAsync("/api/v1/accounts")).JsonAsync()).GetArrayLength();

        var first = await aws.JsonAsync("organizations", "list-accounts", "--max-results", "2", "--no-paginate");
        var all = (await aws.JsonAsync("organizations", "list-accounts", "--page-size", "2")).GetProperty("Accounts");
        var (exit, _, error) = await aws.RunAsync("organizations", "list-accounts", "--max-results", "21", "--no-paginate");

        Assert.Equal(2, first.GetProperty("Accounts").GetArrayLength());
        Assert.True(first.TryGetProperty("NextToken", out _));
        Assert.Equal(expected, all.GetArrayLength());
        Assert.Equal(expected, all.EnumerateArray().Select(a => a.GetProperty("Id").GetString()).Distinct().Count());
        Assert.All(all.EnumerateArray(), a => Assert.Equal("ACTIVE", a.GetProperty("Status").GetString()));
        Assert.NotEqual(0, exit);
        Assert.Contains("MaxResults", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheManagementAccountAnswersAndAMalformedPolicyIsNamed()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var workload = new AwsCli(portal, await portal.AccessKeyAsync(admin, "web-prod"), "us-east-1");
        var management = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), "us-east-1");

        var (deniedExit, _, denied) = await workload.RunAsync("organizations", "list-roots");
        var (malformedExit, _, malformed) = await management.RunAsync("organizations", "create-policy", "--name", "broken", "--type", "SERVICE_CONTROL_POLICY",
            "--description", "x", "--content", """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Principal":"*"}]}""");
        var (typeExit, _, type) = await management.RunAsync("organizations", "list-policies", "--filter", "TAG_POLICY");
        var callerOfWorkload = await workload.JsonAsync("sts", "get-caller-identity");

        Assert.NotEqual(0, deniedExit);
        Assert.Contains("(AccessDeniedException)", denied, StringComparison.Ordinal);
        Assert.Contains("management account", denied, StringComparison.Ordinal);
        Assert.NotEqual(0, malformedExit);
        Assert.Contains("(MalformedPolicyDocumentException)", malformed, StringComparison.Ordinal);
        Assert.Contains("Principal", malformed, StringComparison.Ordinal);
        Assert.NotEqual(0, typeExit);
        Assert.Contains("(PolicyTypeNotEnabledException)", type, StringComparison.Ordinal);
        Assert.NotEqual(callerOfWorkload.GetProperty("Account").GetString(), (await management.JsonAsync("sts", "get-caller-identity")).GetProperty("Account").GetString());

        // Reads are in the audit trail too, as CloudTrail has them: the refused one under the workload account's key.
        var webProd = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=organizations:ListRoots&pageSize=50")).JsonAsync();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == webProd
            && e.GetProperty("outcome").GetString() == "Denied" && e.GetProperty("reason").GetString()!.StartsWith("AccessDeniedException", StringComparison.Ordinal));
        var callers = await (await admin.GetAsync("/api/v1/audit-events?action=sts:GetCallerIdentity&pageSize=50")).JsonAsync();
        Assert.Contains(callers.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == webProd && e.GetProperty("outcome").GetString() == "Succeeded");
    }

    [Fact]
    public async Task AMemberCannotCreateAManagementKey()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        var management = (await OrganizationApi.AccountNamedAsync(member, "Management")).GetProperty("id").GetString();

        var response = await member.PostAsJsonAsync("/api/v1/access-keys", new { accountId = management, description = "escalation" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Contains("only an Admin may create one", body.GetProperty("errors").GetProperty("accountId")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Organizations acts behind Control Tower's back, as in AWS: moving an enrolled account between OUs and editing a
    /// control's SCP through the API are drift the portal then reports (ACCOUNT_MOVED_BETWEEN_OUS, SCP_UPDATED).
    /// </summary>
    [Fact]
    public async Task MovingAnAccountOrEditingAControlsScpThroughOrganizationsIsDrift()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), "us-east-1");
        var account = await OrganizationApi.AccountNamedAsync(admin, "sandbox-bob");
        var accountId = account.GetProperty("id").GetString()!;
        var sandbox = (await OrganizationApi.OuNamedAsync(admin, "Sandbox")).GetProperty("id").GetString()!;
        var nonProd = (await OrganizationApi.OuNamedAsync(admin, "NonProd")).GetProperty("id").GetString()!;
        var controlScp = (await aws.JsonAsync("organizations", "list-policies-for-target", "--target-id", sandbox, "--filter", "SERVICE_CONTROL_POLICY"))
            .GetProperty("Policies").EnumerateArray().First(p => !p.GetProperty("AwsManaged").GetBoolean() && p.GetProperty("Name").GetString()!.StartsWith("aws-guardrails", StringComparison.Ordinal));
        var content = (await aws.JsonAsync("organizations", "describe-policy", "--policy-id", controlScp.GetProperty("Id").GetString()!)).GetProperty("Policy").GetProperty("Content").GetString()!;

        var (wrongSourceExit, _, wrongSource) = await aws.RunAsync("organizations", "move-account", "--account-id", accountId, "--source-parent-id", nonProd, "--destination-parent-id", sandbox);
        await aws.JsonAsync("organizations", "move-account", "--account-id", accountId, "--source-parent-id", sandbox, "--destination-parent-id", nonProd);
        var parents = (await aws.JsonAsync("organizations", "list-parents", "--child-id", accountId)).GetProperty("Parents");
        await aws.JsonAsync("organizations", "update-policy", "--policy-id", controlScp.GetProperty("Id").GetString()!, "--content", content.Replace("\"Deny\"", "\"Deny\" ", StringComparison.Ordinal) + " ");
        var drift = await (await admin.GetAsync("/api/v1/drift")).JsonAsync();

        Assert.NotEqual(0, wrongSourceExit);
        Assert.Contains("(SourceParentNotFoundException)", wrongSource, StringComparison.Ordinal);
        Assert.Equal(nonProd, parents[0].GetProperty("Id").GetString());
        Assert.Contains(drift.EnumerateArray(), d => d.GetProperty("type").GetString() == "ACCOUNT_MOVED_BETWEEN_OUS" && d.GetProperty("targetId").GetString() == accountId);
        Assert.Contains(drift.EnumerateArray(), d => d.GetProperty("type").GetString() == "SCP_UPDATED");
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=organizations:MoveAccount&pageSize=20")).JsonAsync();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == accountId && e.GetProperty("outcome").GetString() == "Succeeded");
    }

    [Fact]
    public async Task TagsAreSetReplacedListedAndRemovedWithOrganizationsRules()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), "us-east-1");
        var account = (await OrganizationApi.AccountNamedAsync(admin, "web-dev")).GetProperty("id").GetString()!;

        await aws.JsonAsync("organizations", "tag-resource", "--resource-id", account, "--tags", "Key=team,Value=web", "Key=cost-center,Value=42");
        await aws.JsonAsync("organizations", "tag-resource", "--resource-id", account, "--tags", "Key=team,Value=platform");
        var tags = (await aws.JsonAsync("organizations", "list-tags-for-resource", "--resource-id", account)).GetProperty("Tags");
        var (reservedExit, _, reserved) = await aws.RunAsync("organizations", "tag-resource", "--resource-id", account, "--tags", "Key=aws:owner,Value=x");
        var (tooManyExit, _, tooMany) = await aws.RunAsync(["organizations", "tag-resource", "--resource-id", account, "--tags",
            .. Enumerable.Range(0, 50).Select(i => $"Key=k{i},Value=v")]);
        var (missingExit, _, missing) = await aws.RunAsync("organizations", "list-tags-for-resource", "--resource-id", "ou-zzzz-zzzzzzzz");
        await aws.JsonAsync("organizations", "untag-resource", "--resource-id", account, "--tag-keys", "cost-center", "not-there");
        var after = (await aws.JsonAsync("organizations", "list-tags-for-resource", "--resource-id", account)).GetProperty("Tags");

        Assert.Equal([("cost-center", "42"), ("team", "platform")], tags.EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())));
        Assert.NotEqual(0, reservedExit);
        Assert.Contains("reserved for AWS", reserved, StringComparison.Ordinal);
        Assert.NotEqual(0, tooManyExit);
        Assert.Contains("(ConstraintViolationException)", tooMany, StringComparison.Ordinal);
        Assert.NotEqual(0, missingExit);
        Assert.Contains("(TargetNotFoundException)", missing, StringComparison.Ordinal);
        Assert.Equal(["team"], after.EnumerateArray().Select(t => t.GetProperty("Key").GetString()));
    }

    /// <summary>
    /// CreateOrganizationalUnit and CreatePolicy take <c>--tags</c> (botocore's organizations model: Tags on both
    /// requests); a refused tag refuses the create, and nothing is left behind.
    /// </summary>
    [Fact]
    public async Task TagsGivenWithACreateAreWrittenWithItOrTheCreateIsRefusedWhole()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), "us-east-1");
        var rootId = (await aws.JsonAsync("organizations", "list-roots")).GetProperty("Roots")[0].GetProperty("Id").GetString()!;
        const string Document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}]}";

        var ou = (await aws.JsonAsync("organizations", "create-organizational-unit", "--parent-id", rootId, "--name", "TaggedTeam",
            "--tags", "Key=team,Value=payments")).GetProperty("OrganizationalUnit").GetProperty("Id").GetString()!;
        var policy = (await aws.JsonAsync("organizations", "create-policy", "--name", "TaggedGuard", "--description", "tags", "--type", "SERVICE_CONTROL_POLICY",
            "--content", Document, "--tags", "Key=owner,Value=security")).GetProperty("Policy").GetProperty("PolicySummary").GetProperty("Id").GetString()!;
        var ouTags = (await aws.JsonAsync("organizations", "list-tags-for-resource", "--resource-id", ou)).GetProperty("Tags");
        var policyTags = (await aws.JsonAsync("organizations", "list-tags-for-resource", "--resource-id", policy)).GetProperty("Tags");
        var (ouExit, _, ouRefusal) = await aws.RunAsync("organizations", "create-organizational-unit", "--parent-id", rootId, "--name", "ReservedTagTeam",
            "--tags", "Key=aws:owner,Value=x");
        var (policyExit, _, policyRefusal) = await aws.RunAsync("organizations", "create-policy", "--name", "ReservedTagGuard", "--description", "tags",
            "--type", "SERVICE_CONTROL_POLICY", "--content", Document, "--tags", "Key=aws:owner,Value=x");
        var ous = (await aws.JsonAsync("organizations", "list-organizational-units-for-parent", "--parent-id", rootId)).GetProperty("OrganizationalUnits");
        var policies = (await aws.JsonAsync("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")).GetProperty("Policies");

        Assert.Equal([("team", "payments")], ouTags.EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())));
        Assert.Equal([("owner", "security")], policyTags.EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())));
        Assert.NotEqual(0, ouExit);
        Assert.Contains("reserved for AWS", ouRefusal, StringComparison.Ordinal);
        Assert.NotEqual(0, policyExit);
        Assert.Contains("reserved for AWS", policyRefusal, StringComparison.Ordinal);
        Assert.DoesNotContain(ous.EnumerateArray(), o => o.GetProperty("Name").GetString() == "ReservedTagTeam");
        Assert.DoesNotContain(policies.EnumerateArray(), p => p.GetProperty("Name").GetString() == "ReservedTagGuard");
    }

    [Fact]
    public async Task TheCliCreatesAndListsResourceControlPoliciesBesideScps()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), "us-east-1");
        const string perimeter = """{"Version":"2012-10-17","Statement":[{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-exampleorg"}}}]}""";

        var root = (await aws.JsonAsync("organizations", "list-roots")).GetProperty("Roots")[0];
        var created = (await aws.JsonAsync("organizations", "create-policy", "--name", "cli-sqs-perimeter", "--type", "RESOURCE_CONTROL_POLICY",
            "--description", "from the CLI", "--content", perimeter)).GetProperty("Policy").GetProperty("PolicySummary");
        var (allowExit, _, allowError) = await aws.RunAsync("organizations", "create-policy", "--name", "cli-rcp-allow", "--type", "RESOURCE_CONTROL_POLICY",
            "--description", "x", "--content", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}""");
        var rcps = (await aws.JsonAsync("organizations", "list-policies", "--filter", "RESOURCE_CONTROL_POLICY")).GetProperty("Policies");
        var scps = (await aws.JsonAsync("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")).GetProperty("Policies");
        await aws.JsonAsync("organizations", "attach-policy", "--policy-id", created.GetProperty("Id").GetString()!, "--target-id", root.GetProperty("Id").GetString()!);
        var onRoot = (await aws.JsonAsync("organizations", "list-policies-for-target", "--target-id", root.GetProperty("Id").GetString()!,
            "--filter", "RESOURCE_CONTROL_POLICY")).GetProperty("Policies");

        Assert.Contains(root.GetProperty("PolicyTypes").EnumerateArray(),
            t => t.GetProperty("Type").GetString() == "RESOURCE_CONTROL_POLICY" && t.GetProperty("Status").GetString() == "ENABLED");
        Assert.Equal("RESOURCE_CONTROL_POLICY", created.GetProperty("Type").GetString());
        Assert.Contains("/resource_control_policy/", created.GetProperty("Arn").GetString());
        Assert.NotEqual(0, allowExit);
        Assert.Contains("(MalformedPolicyDocumentException)", allowError, StringComparison.Ordinal);
        Assert.Contains(rcps.EnumerateArray(), p => p.GetProperty("Name").GetString() == "RCPFullAWSAccess" && p.GetProperty("AwsManaged").GetBoolean());
        Assert.Contains(rcps.EnumerateArray(), p => p.GetProperty("Name").GetString() == "cli-sqs-perimeter");
        Assert.DoesNotContain(scps.EnumerateArray(), p => p.GetProperty("Type").GetString() != "SERVICE_CONTROL_POLICY");
        Assert.Equal(["RCPFullAWSAccess", "cli-sqs-perimeter"], onRoot.EnumerateArray().Select(p => p.GetProperty("Name").GetString()!).Order(StringComparer.Ordinal).ToArray());
    }
}
