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

        Assert.Equal(171, controls.Count);
        Assert.True(controls.Count(c => c.Behavior == ControlBehavior.Proactive) >= 90);
        Assert.Equal(ControlGuidance.Mandatory, ControlCatalog.Default.Find("aws-gr_audit_bucket_deletion_prohibited")!.Guidance);
        Assert.Equal(ControlGuidance.StronglyRecommended, ControlCatalog.Default.Find("AWS-GR_RESTRICT_ROOT_USER")!.Guidance);
        Assert.Equal(ControlBehavior.Proactive, ControlCatalog.Default.Find("CT.S3.PR.1")!.Behavior);
    }

    [Theory]
    [MemberData(nameof(PreventiveControls))]
    public void EveryPreventiveControlHasAValidPolicyOfItsTypeWithinTheSizeLimit(string identifier)
    {
        var control = ControlCatalog.Default.Find(identifier)!;

        var document = ControlStatements.Document(ControlStatements.Render(control, NoParameters, Governed));
        // An RCP control's statements are read as a custom RCP is saved: strictly (Deny only, Principal "*").
        var parsed = PolicyParser.Parse(document, identifier, strict: control.HasRcp, control.PolicyType);

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

    public static TheoryData<string, string, string, string, Decision> RcpControlCases => new()
    {
        // control, principal, action, context key=value (or ""), expected. Names from the Control Tower controls reference.
        { "CT.S3.PV.4", "arn:aws:iam::999988887777:role/Partner", "s3:GetObject", "", Decision.ExplicitDeny },
        { "CT.S3.PV.4", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "aws:PrincipalOrgID=o-a1b2c3d4e5", Decision.Allowed },
        { "CT.S3.PV.4", "cloudtrail.amazonaws.com", "s3:PutObject", "aws:PrincipalIsAWSService=true", Decision.Allowed },
        { "CT.S3.PV.4", "arn:aws:iam::999988887777:role/AWSControlTowerExecution", "s3:GetObject", "", Decision.Allowed },
        { "CT.KMS.PV.7", "arn:aws:iam::999988887777:role/Partner", "kms:Decrypt", "", Decision.ExplicitDeny },
        { "CT.KMS.PV.7", "arn:aws:iam::999988887777:role/Partner", "s3:GetObject", "", Decision.Allowed },
        { "CT.SQS.PV.1", "arn:aws:iam::999988887777:role/Partner", "sqs:SendMessage", "", Decision.ExplicitDeny },
        { "CT.SECRETSMANAGER.PV.1", "arn:aws:iam::999988887777:role/Partner", "secretsmanager:GetSecretValue", "", Decision.ExplicitDeny },
        { "CT.STS.PV.1", "arn:aws:iam::999988887777:role/Partner", "sts:AssumeRole", "", Decision.ExplicitDeny },
        { "CT.S3.PV.3", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "s3:TlsVersion=1.2", Decision.ExplicitDeny },
        { "CT.S3.PV.3", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "s3:TlsVersion=1.3", Decision.Allowed },
        { "CT.S3.PV.5", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "aws:SecureTransport=false", Decision.ExplicitDeny },
        { "CT.S3.PV.5", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "aws:SecureTransport=true", Decision.Allowed },
        { "CT.S3.PV.2", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "s3:authType=REST-QUERY-STRING", Decision.ExplicitDeny },
        { "CT.S3.PV.2", "arn:aws:iam::222233334444:role/App", "s3:GetObject", "s3:authType=REST-HEADER", Decision.Allowed },
        { "CT.S3.PV.6", "arn:aws:iam::222233334444:role/App", "s3:PutObject", "s3:x-amz-server-side-encryption=AES256", Decision.ExplicitDeny },
        { "CT.S3.PV.6", "arn:aws:iam::222233334444:role/App", "s3:PutObject", "s3:x-amz-server-side-encryption=aws:kms", Decision.Allowed },
    };

    [Theory]
    [MemberData(nameof(RcpControlCases))]
    public void RcpControlsRefuseWhatTheirNamesSayAndNothingElse(string identifier, string principal, string action, string context, Decision expected)
    {
        var control = ControlCatalog.Default.Find(identifier)!;
        var policy = PolicyParser.Parse(ControlStatements.Document(ControlStatements.Render(control, NoParameters, Governed, "o-a1b2c3d4e5")), identifier,
            type: PolicyType.ResourceControlPolicy).Policy!;
        var full = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", "RCPFullAWSAccess",
            type: PolicyType.ResourceControlPolicy).Policy!;
        var keys = new Dictionary<string, string[]> { ["aws:PrincipalIsAWSService"] = ["false"] };
        if (context.Split('=', 2) is [var key, var value])
        {
            keys[key] = [value];
        }

        var decision = ScpEvaluator.Decide(new PolicyChain([new PolicyLevel("OU Prod", [full, policy])], PolicyType.ResourceControlPolicy),
            new AuthorizationRequest(principal, action, "*", "eu-west-1", keys));

        Assert.Equal(ControlImplementation.Rcp, control.Implementation);
        Assert.Equal(expected, decision.Decision);
    }
}
