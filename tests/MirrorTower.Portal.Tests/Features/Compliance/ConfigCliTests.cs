using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Compliance;

/// <summary>
/// AWS Config through Debian's AWS CLI (<c>aws configservice</c>, JSON 1.1 at <c>/aws</c>) with a key of a workload
/// account: the detective controls in effect are its Config rules and the answers are the same results the violations
/// page lists. Shapes and codes are botocore's config 2014-11-12 model.
/// </summary>
public sealed class ConfigCliTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [Fact]
    public async Task TheCliReadsAnAccountsRulesAndTheirRealResults()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        (await admin.PostAsync("/api/v1/compliance/evaluations", null)).EnsureSuccessStatusCode();
        var violation = (await (await admin.GetAsync("/api/v1/compliance/violations?pageSize=1")).JsonAsync()).GetProperty("items")[0];
        var rule = "AWSControlTower_" + violation.GetProperty("controlIdentifier").GetString();
        var resourceType = violation.GetProperty("resourceType").GetString()!;
        var resource = violation.GetProperty("resource").GetString()!;
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, violation.GetProperty("accountName").GetString()!), violation.GetProperty("region").GetString()!);

        var rules = (await aws.JsonAsync("configservice", "describe-config-rules")).GetProperty("ConfigRules");
        var byRule = (await aws.JsonAsync("configservice", "describe-compliance-by-config-rule", "--config-rule-names", rule)).GetProperty("ComplianceByConfigRules");
        var details = (await aws.JsonAsync("configservice", "get-compliance-details-by-config-rule", "--config-rule-name", rule, "--compliance-types", "NON_COMPLIANT"))
            .GetProperty("EvaluationResults");
        var byResource = (await aws.JsonAsync("configservice", "get-compliance-details-by-resource", "--resource-type", resourceType, "--resource-id", resource))
            .GetProperty("EvaluationResults");
        var resources = (await aws.JsonAsync("configservice", "describe-compliance-by-resource", "--resource-type", resourceType, "--compliance-types", "NON_COMPLIANT"))
            .GetProperty("ComplianceByResources");
        await aws.JsonAsync("configservice", "start-config-rules-evaluation", "--config-rule-names", rule);
        var (unknownExit, _, unknown) = await aws.RunAsync("configservice", "describe-compliance-by-config-rule", "--config-rule-names", "AWSControlTower_NOPE");

        var described = Assert.Single(rules.EnumerateArray(), r => r.GetProperty("ConfigRuleName").GetString() == rule);
        Assert.Equal("ACTIVE", described.GetProperty("ConfigRuleState").GetString());
        Assert.StartsWith($"arn:aws:config:{violation.GetProperty("region").GetString()}:{violation.GetProperty("accountId").GetString()}:config-rule/config-rule-",
            described.GetProperty("ConfigRuleArn").GetString(), StringComparison.Ordinal);
        var compliance = Assert.Single(byRule.EnumerateArray()).GetProperty("Compliance");
        Assert.Equal("NON_COMPLIANT", compliance.GetProperty("ComplianceType").GetString());
        Assert.True(compliance.GetProperty("ComplianceContributorCount").GetProperty("CappedCount").GetInt32() >= 1);
        var detail = Assert.Single(details.EnumerateArray(), d => d.GetProperty("EvaluationResultIdentifier").GetProperty("EvaluationResultQualifier").GetProperty("ResourceId").GetString() == resource);
        Assert.Equal(violation.GetProperty("annotation").GetString(), detail.GetProperty("Annotation").GetString());
        Assert.Contains(byResource.EnumerateArray(), d => d.GetProperty("EvaluationResultIdentifier").GetProperty("EvaluationResultQualifier").GetProperty("ConfigRuleName").GetString() == rule
            && d.GetProperty("ComplianceType").GetString() == "NON_COMPLIANT");
        Assert.Contains(resources.EnumerateArray(), r => r.GetProperty("ResourceId").GetString() == resource);
        Assert.NotEqual(0, unknownExit);
        Assert.Contains("(NoSuchConfigRuleException)", unknown, StringComparison.Ordinal);
    }
}
