using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;

namespace MirrorTower.Engine.Tests.Controls;

public sealed class ControlCatalogTests
{
    private static readonly string[] Governed = ["eu-west-1", "us-east-1"];
    private static readonly Dictionary<string, string[]> NoParameters = new();

    public static TheoryData<string> PreventiveControls() =>
        new(ControlCatalog.Default.Controls.Where(c => c.Behavior == ControlBehavior.Preventive).Select(c => c.Identifier));

    [Fact]
    public void LoadsEveryControlOfTheReferenceCatalog()
    {
        var controls = ControlCatalog.Default.Controls;

        Assert.Equal(53, controls.Count);
        Assert.Equal(ControlGuidance.Mandatory, ControlCatalog.Default.Find("aws-gr_audit_bucket_deletion_prohibited")!.Guidance);
        Assert.Equal(ControlGuidance.StronglyRecommended, ControlCatalog.Default.Find("AWS-GR_RESTRICT_ROOT_USER")!.Guidance);
        Assert.Equal(ControlBehavior.Proactive, ControlCatalog.Default.Find("CT.S3.PR.1")!.Behavior);
    }

    [Theory]
    [MemberData(nameof(PreventiveControls))]
    public void EveryPreventiveControlHasAValidScpWithinTheSizeLimit(string identifier)
    {
        var control = ControlCatalog.Default.Find(identifier)!;

        var document = ControlStatements.Document(ControlStatements.Render(control, NoParameters, Governed));
        var parsed = PolicyParser.Parse(document, identifier);

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        Assert.All(parsed.Policy!.Statements, s => Assert.Equal(Effect.Deny, s.Effect));
        Assert.True(document.Length <= ServiceControlPolicy.MaxCharacters);
    }

    [Theory]
    [InlineData("ec2:RunInstances", "ap-south-1", "arn:aws:iam::111122223333:role/Dev", Decision.ExplicitDeny)]
    [InlineData("ec2:RunInstances", "eu-west-1", "arn:aws:iam::111122223333:role/Dev", Decision.Allowed)]
    [InlineData("iam:CreateRole", "ap-south-1", "arn:aws:iam::111122223333:role/Dev", Decision.Allowed)]
    [InlineData("ec2:RunInstances", "ap-south-1", "arn:aws:iam::111122223333:role/AWSControlTowerExecution", Decision.Allowed)]
    [InlineData("ec2:RunInstances", "ap-south-1", "arn:aws:iam::111122223333:role/BreakGlass", Decision.Allowed)]
    [InlineData("ec2:RunInstances", "us-east-1", "arn:aws:iam::111122223333:role/Dev", Decision.ExplicitDeny)]
    public void TheRegionDenyControlTakesItsParameters(string action, string region, string principal, Decision expected)
    {
        var control = ControlCatalog.Default.Find(ControlCatalog.RegionDeny)!;
        var parameters = new Dictionary<string, string[]>
        {
            ["AllowedRegions"] = ["eu-west-1"],
            ["ExemptedPrincipalArns"] = ["arn:aws:iam::*:role/BreakGlass"],
        };
        var policy = PolicyParser.Parse(ControlStatements.Document(ControlStatements.Render(control, parameters, Governed)), "region").Policy!;
        var full = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", "full").Policy!;

        var decision = ScpEvaluator.Decide(new PolicyChain([new PolicyLevel("OU", [full, policy])]),
            new AuthorizationRequest(principal, action, "*", region));

        Assert.Equal(expected, decision.Decision);
    }

    [Fact]
    public void PackingKeepsEveryDocumentWithinTheLimitAndEveryStatement()
    {
        var mandatory = ControlCatalog.Default.Controls.Where(c => c.IsMandatory && c.HasScp)
            .SelectMany(c => ControlStatements.Render(c, NoParameters, Governed)).ToList();

        var documents = ControlStatements.Pack(mandatory);
        var statements = documents.Sum(d => PolicyParser.Parse(d, "p").Policy!.Statements.Count);

        Assert.True(documents.Count >= 2, "the mandatory controls need more than one SCP");
        Assert.All(documents, d => Assert.True(d.Length <= ServiceControlPolicy.MaxCharacters));
        Assert.Equal(mandatory.Count, statements);
    }
}
