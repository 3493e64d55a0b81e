using System.Text.Json.Nodes;
using MirrorTower.Engine.Controls;

namespace MirrorTower.Engine.Tests.Controls;

/// <summary>
/// Proactive controls against CloudFormation resource properties. Property names and values from the CloudFormation
/// resource reference (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html);
/// what each control requires, from its name in the Control Tower proactive controls reference.
/// </summary>
public sealed class ProactiveCheckTests
{
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // control, resource type, Properties, passes
        { "CT.S3.PR.1", "AWS::S3::Bucket", """{"PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}}""", true },
        { "CT.S3.PR.1", "AWS::S3::Bucket", """{"PublicAccessBlockConfiguration":{"BlockPublicAcls":"true","BlockPublicPolicy":"true","IgnorePublicAcls":"true","RestrictPublicBuckets":"true"}}""", true },
        { "CT.S3.PR.1", "AWS::S3::Bucket", """{"PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"BlockPublicPolicy":false,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}}""", false },
        { "CT.S3.PR.1", "AWS::S3::Bucket", """{}""", false },
        { "CT.S3.PR.2", "AWS::S3::Bucket", """{"LoggingConfiguration":{"DestinationBucketName":{"Ref":"LogBucket"}}}""", true },
        { "CT.S3.PR.3", "AWS::S3::Bucket", """{"VersioningConfiguration":{"Status":"Suspended"},"LifecycleConfiguration":{"Rules":[{"Status":"Enabled"}]}}""", false },
        { "CT.S3.PR.5", "AWS::S3::Bucket", """{"AccessControl":"PublicRead"}""", false },
        { "CT.SQS.PR.2", "AWS::SQS::Queue", """{"SqsManagedSseEnabled":true}""", true },
        { "CT.SQS.PR.2", "AWS::SQS::Queue", """{"KmsMasterKeyId":"alias/aws/sqs"}""", true },
        { "CT.SQS.PR.2", "AWS::SQS::Queue", """{"SqsManagedSseEnabled":false}""", false },
        { "CT.EC2.PR.1", "AWS::EC2::LaunchTemplate", """{"LaunchTemplateData":{"MetadataOptions":{"HttpTokens":"optional"}}}""", false },
        { "CT.EC2.PR.2", "AWS::EC2::LaunchTemplate", """{"LaunchTemplateData":{"MetadataOptions":{"HttpPutResponseHopLimit":2}}}""", false },
        { "CT.EC2.PR.2", "AWS::EC2::LaunchTemplate", """{"LaunchTemplateData":{"MetadataOptions":{"HttpPutResponseHopLimit":"1"}}}""", true },
        { "CT.EC2.PR.7", "AWS::EC2::Volume", """{"Encrypted":true,"Size":8}""", true },
        { "CT.EC2.PR.7", "AWS::EC2::Instance", """{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":false}}]}""", false },
        { "CT.EC2.PR.8", "AWS::EC2::Instance", """{"NetworkInterfaces":[{"DeviceIndex":"0","AssociatePublicIpAddress":true}]}""", false },
        { "CT.EC2.PR.8", "AWS::EC2::Instance", """{"ImageId":"ami-1"}""", true },
        { "CT.EC2.PR.11", "AWS::EC2::Subnet", """{"MapPublicIpOnLaunch":true}""", false },
        { "CT.ECS.PR.2", "AWS::ECS::Cluster", """{"ClusterSettings":[{"Name":"containerInsights","Value":"enabled"}]}""", true },
        { "CT.ECS.PR.2", "AWS::ECS::Cluster", """{"ClusterSettings":[{"Name":"containerInsights","Value":"disabled"}]}""", false },
        { "CT.ECS.PR.2", "AWS::ECS::Cluster", """{}""", false },
        { "CT.ECS.PR.3", "AWS::ECS::TaskDefinition", """{"ContainerDefinitions":[{"Name":"app","User":"1000"},{"Name":"sidecar","User":"root"}]}""", false },
        { "CT.ECS.PR.11", "AWS::ECS::TaskDefinition", """{"ContainerDefinitions":[{"Name":"app"}]}""", true },
        { "CT.ELASTICLOADBALANCING.PR.5", "AWS::ElasticLoadBalancingV2::LoadBalancer", """{"LoadBalancerAttributes":[{"Key":"deletion_protection.enabled","Value":"true"}]}""", true },
        { "CT.ELASTICLOADBALANCING.PR.3", "AWS::ElasticLoadBalancingV2::LoadBalancer", """{"LoadBalancerAttributes":[{"Key":"routing.http.desync_mitigation_mode","Value":"monitor"}]}""", false },
        { "CT.RDS.PR.2", "AWS::RDS::DBInstance", """{"MonitoringInterval":0}""", false },
        { "CT.RDS.PR.8", "AWS::RDS::DBInstance", """{"Engine":"postgres"}""", true },
        { "CT.RDS.PR.8", "AWS::RDS::DBInstance", """{"BackupRetentionPeriod":0}""", false },
        { "CT.RDS.PR.23", "AWS::RDS::DBInstance", """{"PubliclyAccessible":true}""", false },
        { "CT.RDS.PR.24", "AWS::RDS::DBInstance", """{"StorageEncrypted":{"Ref":"Encrypt"}}""", false },
        { "CT.CLOUDFRONT.PR.9", "AWS::CloudFront::Distribution", """{"DistributionConfig":{"ViewerCertificate":{"MinimumProtocolVersion":"TLSv1.2_2021"}}}""", true },
        { "CT.CLOUDFRONT.PR.9", "AWS::CloudFront::Distribution", """{"DistributionConfig":{"ViewerCertificate":{"MinimumProtocolVersion":"TLSv1.1_2016"}}}""", false },
        { "CT.IAM.PR.4", "AWS::IAM::User", """{"ManagedPolicyArns":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}""", false },
        { "CT.REDSHIFT.PR.7", "AWS::Redshift::Cluster", """{"DBName":"dev"}""", false },
        { "CT.KMS.PR.1", "AWS::KMS::Key", """{"EnableKeyRotation":true}""", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AProactiveControlPassesOrRefusesAResourceByItsProperties(string identifier, string resourceType, string properties, bool passes)
    {
        var control = ControlCatalog.Default.Find(identifier)!;
        var check = control.Checks.Single(c => c.ResourceType == resourceType);

        var failure = check.Requirement.Check(JsonNode.Parse(properties)!.AsObject());

        Assert.Equal(passes, failure is null);
    }

    [Fact]
    public void ARefusalSaysWhichPropertyFailedEachWay()
    {
        var check = ControlCatalog.Default.Find("CT.SQS.PR.2")!.Checks.Single();

        Assert.Equal("KmsMasterKeyId is not set or SqsManagedSseEnabled is not true", check.Requirement.Check(new JsonObject()));
    }

    [Fact]
    public void EveryProactiveControlChecksAtLeastOneResourceTypeAndOnlyProactiveOnesDo()
    {
        Assert.All(ControlCatalog.Default.Controls, c => Assert.Equal(c.Behavior == ControlBehavior.Proactive, c.Checks.Count > 0));
        Assert.All(ControlCatalog.Default.Controls.Where(c => c.Behavior == ControlBehavior.Proactive),
            c => Assert.Equal(ControlImplementation.Hook, c.Implementation));
    }

    [Fact]
    public void EveryControlHasTheCatalogsShape()
    {
        Assert.All(ControlCatalog.Default.Controls, c =>
        {
            Assert.Contains(c.Severity, new[] { "LOW", "MEDIUM", "HIGH", "CRITICAL" });
            Assert.Equal(c.HasPolicy ? "GLOBAL" : "REGIONAL", c.Scope);
            Assert.False(string.IsNullOrEmpty(c.Classification.Objective));
            Assert.Equal($"arn:aws:controltower:eu-west-1::control/{c.Identifier}", c.Arn("eu-west-1"));
        });
        Assert.Equal(("Identity and access management", "Enforce least privilege"), ControlCatalog.Default.Find("CT.S3.PV.4")!.Classification);
    }
}
