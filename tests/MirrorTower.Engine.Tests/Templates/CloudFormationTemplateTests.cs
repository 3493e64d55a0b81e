using System.Text.Json.Nodes;
using MirrorTower.Engine.Templates;

namespace MirrorTower.Engine.Tests.Templates;

/// <summary>
/// Templates as the CloudFormation user guide writes them ("Template anatomy", "Intrinsic function reference": the YAML
/// short forms), and its quotas ("CloudFormation quotas": 51,200 bytes for a template body, 500 resources).
/// </summary>
public sealed class CloudFormationTemplateTests
{
    private const string Yaml = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "${AWS::StackName}-logs"
              VersioningConfiguration:
                Status: Enabled
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: 'true'
          Key:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: yes
              PendingWindowInDays: 7
              Description: !GetAtt Logs.Arn
              Tags:
                - Key: owner
                  Value: !Ref AWS::AccountId
        """;

    [Fact]
    public void AYamlTemplateReadsLikeItsJsonFormIntrinsicShortFormsIncluded()
    {
        var parsed = CloudFormationTemplate.Parse(Yaml);

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        var bucket = parsed.Resources.Single(r => r.LogicalId == "Logs");
        var key = parsed.Resources.Single(r => r.LogicalId == "Key");
        Assert.Equal("AWS::S3::Bucket", bucket.Type);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Fn::Sub":"${AWS::StackName}-logs"}"""), bucket.Properties["BucketName"]));
        Assert.True(bucket.Properties["PublicAccessBlockConfiguration"]!["BlockPublicAcls"]!.GetValue<bool>());
        Assert.Equal("true", bucket.Properties["PublicAccessBlockConfiguration"]!["BlockPublicPolicy"]!.GetValue<string>());
        Assert.Equal(7, key.Properties["PendingWindowInDays"]!.GetValue<long>());
        // YAML 1.2 core schema: "yes" is a string, not a boolean.
        Assert.Equal("yes", key.Properties["EnableKeyRotation"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Fn::GetAtt":["Logs","Arn"]}"""), key.Properties["Description"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Ref":"AWS::AccountId"}"""), key.Properties["Tags"]![0]!["Value"]));
    }

    public static TheoryData<string?, string> Refused => new()
    {
        { null, "template" },
        { "{\"Resources\": {}}", "template.Resources" },
        { "Resources: [1, 2", "template" },
        { """{"Resources":{"Bad-Id":{"Type":"AWS::S3::Bucket"}}}""", "template.Resources.Bad-Id" },
        { """{"Resources":{"Queue":{"Type":"SQS Queue"}}}""", "template.Resources.Queue.Type" },
        { """{"Resources":{"Queue":{"Type":"AWS::SQS::Queue","Properties":[1]}}}""", "template.Resources.Queue.Properties" },
        { "{\"Resources\":{\"B\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"Tags\":\"" + new string('x', 51_200) + "\"}}}}", "template" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void WhatCloudFormationRefusesIsRefusedNamingWhere(string? template, string field)
    {
        var parsed = CloudFormationTemplate.Parse(template);

        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Errors, e => e.Field == field);
    }

    [Fact]
    public void MoreThanFiveHundredResourcesAreRefused()
    {
        var resources = string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"Q{i}\":{{\"Type\":\"AWS::SQS::Queue\"}}"));

        var parsed = CloudFormationTemplate.Parse("{\"Resources\":{" + resources + "}}");

        Assert.Contains(parsed.Errors, e => e.Message.Contains("at most 500", StringComparison.Ordinal));
    }
}
