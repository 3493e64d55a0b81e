// A governance journey through the current AWS SDK for JavaScript v3 clients against MirrorTower's /aws endpoint.
// Run by the .NET test GovernanceSdkJourneyTests with the endpoint and keys in the environment; prints one JSON
// object of what it saw. Every call is a real SDK call: its serializer, its SigV4 signer and its error parsing.
import { OrganizationsClient, ListRootsCommand, CreateOrganizationalUnitCommand, CreatePolicyCommand, AttachPolicyCommand,
  ListPoliciesForTargetCommand, DuplicateOrganizationalUnitException } from "@aws-sdk/client-organizations";
import { ConfigServiceClient, DescribeComplianceByConfigRuleCommand } from "@aws-sdk/client-config-service";
import { ServiceCatalogClient, SearchProductsCommand, DescribeProvisioningParametersCommand } from "@aws-sdk/client-service-catalog";

const endpoint = process.env.MIRRORTOWER_AWS_ENDPOINT;
const region = process.env.MIRRORTOWER_REGION;
const client = (Client, prefix) => new Client({
  endpoint, region, maxAttempts: 1,
  credentials: { accessKeyId: process.env[`${prefix}_KEY_ID`], secretAccessKey: process.env[`${prefix}_SECRET`] },
});

const organizations = client(OrganizationsClient, "MANAGEMENT");
const config = client(ConfigServiceClient, "WORKLOAD");
const catalog = client(ServiceCatalogClient, "MEMBER");

const root = (await organizations.send(new ListRootsCommand({}))).Roots[0];
const ou = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root.Id, Name: "SdkTeam" }))).OrganizationalUnit;
let duplicate = null;
try {
  await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root.Id, Name: "SdkTeam" }));
} catch (error) {
  duplicate = { name: error.name, typed: error instanceof DuplicateOrganizationalUnitException };
}
const policy = (await organizations.send(new CreatePolicyCommand({
  Name: "sdk-no-bucket-deletes", Description: "from the JavaScript SDK", Type: "SERVICE_CONTROL_POLICY",
  Content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] }),
}))).Policy.PolicySummary;
await organizations.send(new AttachPolicyCommand({ PolicyId: policy.Id, TargetId: ou.Id }));
const attached = (await organizations.send(new ListPoliciesForTargetCommand({ TargetId: ou.Id, Filter: "SERVICE_CONTROL_POLICY" }))).Policies.map(p => p.Name);
const compliance = (await config.send(new DescribeComplianceByConfigRuleCommand({}))).ComplianceByConfigRules
  .map(r => ({ rule: r.ConfigRuleName, type: r.Compliance.ComplianceType }));
const products = (await catalog.send(new SearchProductsCommand({}))).ProductViewSummaries;
const parameters = (await catalog.send(new DescribeProvisioningParametersCommand({ ProductId: products[0].ProductId })))
  .ProvisioningArtifactParameters.map(p => p.ParameterKey);

console.log(JSON.stringify({ rootId: root.Id, ouId: ou.Id, ouArn: ou.Arn, duplicate, policyId: policy.Id, attached, compliance, product: products[0].Name, parameters }));
