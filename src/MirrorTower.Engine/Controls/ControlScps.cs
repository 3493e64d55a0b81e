namespace MirrorTower.Engine.Controls;

/// <summary>
/// The SCP statements behind each preventive control, written in AWS's shape from what the catalog says the
/// control governs. <c>AWSControlTowerExecution</c> is exempt where Control Tower itself must act.
/// </summary>
internal static class ControlScps
{
    private const string ExemptExecution = "\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/AWSControlTowerExecution\"}}";
    private const string CtBuckets = """["arn:aws:s3:::aws-controltower*"]""";

    public static readonly IReadOnlyDictionary<string, (string Service, string Statements)> ByControl =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED"] = ("Amazon S3",
                $$"""[{"Sid":"GRAUDITBUCKETDELETIONPROHIBITED","Effect":"Deny","Action":["s3:DeleteBucket"],"Resource":{{CtBuckets}},{{ExemptExecution}}}]"""),
            ["AWS-GR_CT_AUDIT_BUCKET_ENCRYPTION_CHANGES_PROHIBITED"] = ("Amazon S3",
                $$"""[{"Sid":"GRCTAUDITBUCKETENCRYPTIONCHANGESPROHIBITED","Effect":"Deny","Action":["s3:PutEncryptionConfiguration"],"Resource":{{CtBuckets}},{{ExemptExecution}}}]"""),
            ["AWS-GR_CT_AUDIT_BUCKET_LOGGING_CONFIGURATION_CHANGES_PROHIBITED"] = ("Amazon S3",
                $$"""[{"Sid":"GRCTAUDITBUCKETLOGGINGCONFIGURATIONCHANGESPROHIBITED","Effect":"Deny","Action":["s3:PutBucketLogging"],"Resource":{{CtBuckets}},{{ExemptExecution}}}]"""),
            ["AWS-GR_CT_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED"] = ("Amazon S3",
                $$"""[{"Sid":"GRCTAUDITBUCKETPOLICYCHANGESPROHIBITED","Effect":"Deny","Action":["s3:PutBucketPolicy","s3:DeleteBucketPolicy"],"Resource":{{CtBuckets}},{{ExemptExecution}}}]"""),
            ["AWS-GR_CT_AUDIT_BUCKET_LIFECYCLE_CONFIGURATION_CHANGES_PROHIBITED"] = ("Amazon S3",
                $$"""[{"Sid":"GRCTAUDITBUCKETLIFECYCLECONFIGURATIONCHANGESPROHIBITED","Effect":"Deny","Action":["s3:PutLifecycleConfiguration"],"Resource":{{CtBuckets}},{{ExemptExecution}}}]"""),
            ["AWS-GR_LOG_GROUP_POLICY"] = ("Amazon CloudWatch",
                $$"""[{"Sid":"GRLOGGROUPPOLICY","Effect":"Deny","Action":["logs:DeleteLogGroup","logs:PutRetentionPolicy"],"Resource":["arn:aws:logs:*:*:log-group:*aws-controltower*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CONFIG_AGGREGATION_AUTHORIZATION_POLICY"] = ("AWS Config",
                $$"""[{"Sid":"GRCONFIGAGGREGATIONAUTHORIZATIONPOLICY","Effect":"Deny","Action":["config:DeleteAggregationAuthorization"],"Resource":["arn:aws:config:*:*:aggregation-authorization*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED"] = ("AWS CloudTrail",
                $$"""[{"Sid":"GRCLOUDTRAILENABLED","Effect":"Deny","Action":["cloudtrail:DeleteTrail","cloudtrail:StopLogging","cloudtrail:UpdateTrail","cloudtrail:PutEventSelectors"],"Resource":["arn:aws:cloudtrail:*:*:trail/aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CLOUDTRAIL_ENABLED"] = ("AWS CloudTrail",
                $$"""[{"Sid":"GRCLOUDTRAILLOGGINGENABLED","Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail"],"Resource":["arn:aws:cloudtrail:*:*:trail/aws-controltower-BaselineCloudTrail"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CLOUDTRAIL_VALIDATION_ENABLED"] = ("AWS CloudTrail",
                $$"""[{"Sid":"GRCLOUDTRAILVALIDATIONENABLED","Effect":"Deny","Action":["cloudtrail:UpdateTrail"],"Resource":["arn:aws:cloudtrail:*:*:trail/aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CLOUDTRAIL_CLOUDWATCH_LOGS_ENABLED"] = ("AWS CloudTrail",
                $$"""[{"Sid":"GRCLOUDTRAILCLOUDWATCHLOGSENABLED","Effect":"Deny","Action":["cloudtrail:UpdateTrail","cloudtrail:DeleteTrail"],"Resource":["arn:aws:cloudtrail:*:*:trail/aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CLOUDWATCH_EVENTS_CHANGE_PROHIBITED"] = ("Amazon CloudWatch",
                $$"""[{"Sid":"GRCLOUDWATCHEVENTPOLICY","Effect":"Deny","Action":["events:PutRule","events:DeleteRule","events:PutTargets","events:RemoveTargets"],"Resource":["arn:aws:events:*:*:rule/aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CONFIG_CHANGE_PROHIBITED"] = ("AWS Config",
                $$"""[{"Sid":"GRCONFIGENABLED","Effect":"Deny","Action":["config:DeleteConfigurationRecorder","config:StopConfigurationRecorder","config:DeleteDeliveryChannel"],"Resource":["*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CONFIG_ENABLED"] = ("AWS Config",
                $$"""[{"Sid":"GRCONFIGRECORDINGENABLED","Effect":"Deny","Action":["config:StopConfigurationRecorder","config:DeleteConfigurationRecorder"],"Resource":["*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_CONFIG_RULE_CHANGE_PROHIBITED"] = ("AWS Config",
                $$"""[{"Sid":"GRCONFIGRULEPOLICY","Effect":"Deny","Action":["config:PutConfigRule","config:DeleteConfigRule"],"Resource":["arn:aws:config:*:*:config-rule/aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_IAM_ROLE_CHANGE_PROHIBITED"] = ("AWS IAM",
                $$"""[{"Sid":"GRIAMROLEPOLICY","Effect":"Deny","Action":["iam:AttachRolePolicy","iam:DeleteRole","iam:DeleteRolePolicy","iam:DetachRolePolicy","iam:PutRolePolicy","iam:UpdateAssumeRolePolicy","iam:UpdateRole"],"Resource":["arn:aws:iam::*:role/aws-controltower-*","arn:aws:iam::*:role/AWSControlTowerExecution","arn:aws:iam::*:role/stacksets-exec-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_LAMBDA_CHANGE_PROHIBITED"] = ("AWS Lambda",
                $$"""[{"Sid":"GRLAMBDAFUNCTIONPOLICY","Effect":"Deny","Action":["lambda:AddPermission","lambda:CreateEventSourceMapping","lambda:CreateFunction","lambda:DeleteEventSourceMapping","lambda:DeleteFunction","lambda:PublishVersion","lambda:RemovePermission","lambda:UpdateEventSourceMapping","lambda:UpdateFunctionCode","lambda:UpdateFunctionConfiguration"],"Resource":["arn:aws:lambda:*:*:function:aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_SNS_CHANGE_PROHIBITED"] = ("Amazon SNS",
                $$"""[{"Sid":"GRSNSTOPICPOLICY","Effect":"Deny","Action":["sns:AddPermission","sns:CreateTopic","sns:DeleteTopic","sns:RemovePermission","sns:SetTopicAttributes"],"Resource":["arn:aws:sns:*:*:aws-controltower-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_SNS_SUBSCRIPTION_CHANGE_PROHIBITED"] = ("Amazon SNS",
                $$"""[{"Sid":"GRSNSSUBSCRIPTIONPOLICY","Effect":"Deny","Action":["sns:Subscribe","sns:Unsubscribe"],"Resource":["arn:aws:sns:*:*:aws-controltower-SecurityNotifications"],{{ExemptExecution}}}]"""),
            ["AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS"] = ("AWS IAM",
                """[{"Sid":"GRRESTRICTROOTUSERACCESSKEYS","Effect":"Deny","Action":"iam:CreateAccessKey","Resource":["*"],"Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}]"""),
            ["AWS-GR_RESTRICT_ROOT_USER"] = ("AWS IAM",
                """[{"Sid":"GRRESTRICTROOTUSER","Effect":"Deny","Action":"*","Resource":["*"],"Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}]"""),
            ["AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED"] = ("Amazon S3",
                """[{"Sid":"GRAUDITBUCKETENCRYPTIONENABLED","Effect":"Deny","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::aws-controltower-logs-*/*"],"Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}]"""),
            ["AWS-GR_AUDIT_BUCKET_LOGGING_ENABLED"] = ("Amazon S3",
                $$"""[{"Sid":"GRAUDITBUCKETLOGGINGENABLED","Effect":"Deny","Action":["s3:PutBucketLogging"],"Resource":["arn:aws:s3:::aws-controltower-logs-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED"] = ("Amazon S3",
                $$"""[{"Sid":"GRAUDITBUCKETPOLICYCHANGESPROHIBITED","Effect":"Deny","Action":["s3:PutBucketPolicy"],"Resource":["arn:aws:s3:::aws-controltower-logs-*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_AUDIT_BUCKET_RETENTION_POLICY"] = ("Amazon S3",
                $$"""[{"Sid":"GRAUDITBUCKETRETENTIONPOLICY","Effect":"Deny","Action":["s3:PutLifecycleConfiguration","s3:DeleteObject","s3:DeleteObjectVersion"],"Resource":["arn:aws:s3:::aws-controltower-logs-*","arn:aws:s3:::aws-controltower-logs-*/*"],{{ExemptExecution}}}]"""),
            ["AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION"] = ("Amazon S3",
                """[{"Sid":"GRRESTRICTS3CROSSREGIONREPLICATION","Effect":"Deny","Action":["s3:PutReplicationConfiguration"],"Resource":["*"]}]"""),
            ["AWS-GR_RESTRICT_S3_DELETE_WITHOUT_MFA"] = ("Amazon S3",
                """[{"Sid":"GRRESTRICTS3DELETEWITHOUTMFA","Effect":"Deny","Action":["s3:DeleteObject","s3:DeleteBucket"],"Resource":["*"],"Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":["false"]}}}]"""),
            ["AWS-GR_DISALLOW_CROSS_REGION_NETWORKING"] = ("Amazon VPC",
                """[{"Sid":"GRDISALLOWCROSSREGIONNETWORKING","Effect":"Deny","Action":["ec2:CreateVpcPeeringConnection","ec2:AcceptVpcPeeringConnection","ec2:CreateTransitGatewayPeeringAttachment","ec2:AcceptTransitGatewayPeeringAttachment"],"Resource":["*"]}]"""),
            ["AWS-GR_DISALLOW_VPC_INTERNET_ACCESS"] = ("Amazon VPC",
                """[{"Sid":"GRDISALLOWVPCINTERNETACCESS","Effect":"Deny","Action":["ec2:AttachInternetGateway","ec2:CreateInternetGateway","ec2:CreateEgressOnlyInternetGateway","ec2:CreateVpcPeeringConnection","ec2:AcceptVpcPeeringConnection"],"Resource":["*"]}]"""),
            ["AWS-GR_DISALLOW_VPN_CONNECTIONS"] = ("Amazon VPC",
                """[{"Sid":"GRDISALLOWVPNCONNECTIONS","Effect":"Deny","Action":["ec2:CreateVpnConnection","ec2:CreateVpnGateway","ec2:AttachVpnGateway"],"Resource":["*"]}]"""),
            // The CT.*.PV.* SCP controls of "Controls with parameters": each exempts ExemptedPrincipalArns (always
            // AWSControlTowerExecution here) through ArnNotLike aws:PrincipalArn, as the reference's CT.EC2.PV.1 shows.
            ["CT.APPSYNC.PV.1"] = ("AWS AppSync", Exempting("CTAPPSYNCPV1", "['appsync:CreateGraphqlApi']", "*", "'StringNotEquals':{'appsync:Visibility':'PRIVATE'}")),
            ["CT.EC2.PV.1"] = ("Amazon EC2", Exempting("CTEC2PV1", "['ec2:CreateSnapshot','ec2:CreateSnapshots']", "arn:*:ec2:*:*:volume/*", "'Bool':{'ec2:Encrypted':'false'}")),
            ["CT.EC2.PV.2"] = ("Amazon EC2", Exempting("CTEC2PV2", "['ec2:AttachVolume']", "arn:*:ec2:*:*:volume/*", "'Bool':{'ec2:Encrypted':'false'}")),
            ["CT.EC2.PV.3"] = ("Amazon EC2", Exempting("CTEC2PV3", "['ec2:ModifySnapshotAttribute']", "*", "'StringEquals':{'ec2:Add/group':'all'}")),
            ["CT.EC2.PV.4"] = ("Amazon EC2", Exempting("CTEC2PV4", "['ebs:StartSnapshot','ebs:PutSnapshotBlock','ebs:CompleteSnapshot','ebs:GetSnapshotBlock','ebs:ListChangedBlocks','ebs:ListSnapshotBlocks']", "*", null)),
            ["CT.EC2.PV.5"] = ("Amazon EC2", Exempting("CTEC2PV5", "['ec2:ImportImage','ec2:ImportInstance','ec2:ImportSnapshot','ec2:ImportVolume','ec2:CreateInstanceExportTask','ec2:ExportImage']", "*", null)),
            ["CT.EC2.PV.6"] = ("Amazon EC2", Exempting("CTEC2PV6", "['ec2:RequestSpotFleet','ec2:RequestSpotInstances']", "*", null)),
            ["CT.KMS.PV.1"] = ("AWS KMS", Exempting("CTKMSPV1", "['kms:CreateGrant']", "*", "'Bool':{'kms:GrantIsForAWSResource':'false'}")),
            ["CT.KMS.PV.2"] = ("AWS KMS", Exempting("CTKMSPV2", "['kms:CreateKey']", "*", "'StringEquals':{'kms:KeySpec':'RSA_2048','kms:KeyUsage':'ENCRYPT_DECRYPT'}")),
            ["CT.KMS.PV.3"] = ("AWS KMS", Exempting("CTKMSPV3", "['kms:CreateKey','kms:PutKeyPolicy']", "*", "'Bool':{'kms:BypassPolicyLockoutSafetyCheck':'true'}")),
            ["CT.KMS.PV.4"] = ("AWS KMS", Exempting("CTKMSPV4", "['kms:CreateKey']", "*", "'StringNotEquals':{'kms:KeyOrigin':'AWS_CLOUDHSM'}")),
            ["CT.KMS.PV.5"] = ("AWS KMS", Exempting("CTKMSPV5", "['kms:CreateKey']", "*", "'StringNotEquals':{'kms:KeyOrigin':'EXTERNAL'}")),
            ["CT.KMS.PV.6"] = ("AWS KMS", Exempting("CTKMSPV6", "['kms:CreateKey']", "*", "'StringNotEquals':{'kms:KeyOrigin':'EXTERNAL_KEY_STORE'}")),
            ["CT.LAMBDA.PV.1"] = ("AWS Lambda", Exempting("CTLAMBDAPV1", "['lambda:CreateFunctionUrlConfig','lambda:UpdateFunctionUrlConfig']", "*", "'StringNotEquals':{'lambda:FunctionUrlAuthType':'AWS_IAM'}")),
            ["AWS-GR_REGION_DENY"] = ("AWS Control Tower",
                """[{"Sid":"GRREGIONDENY","Effect":"Deny","NotAction":["a4b:*","acm:*","aws-marketplace-management:*","aws-marketplace:*","aws-portal:*","budgets:*","ce:*","chime:*","cloudfront:*","config:*","cur:*","directconnect:*","ec2:DescribeRegions","ec2:DescribeTransitGateways","ec2:DescribeVpnGateways","fms:*","globalaccelerator:*","health:*","iam:*","importexport:*","kms:*","mobileanalytics:*","networkmanager:*","organizations:*","pricing:*","route53:*","route53domains:*","s3:GetAccountPublic*","s3:ListAllMyBuckets","s3:PutAccountPublic*","shield:*","sts:*","support:*","trustedadvisor:*","waf-regional:*","waf:*","wafv2:*","wellarchitected:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":{{AllowedRegions}}},"ArnNotLike":{"aws:PrincipalArn":{{ExemptedPrincipalArns}}}}}]"""),
        };

    /// <summary>A Deny statement exempting ExemptedPrincipalArns; actions and condition are JSON written with ' for ".</summary>
    private static string Exempting(string sid, string actions, string resource, string? condition) =>
        ("[{'Sid':'" + sid + "','Effect':'Deny','Action':" + actions + ",'Resource':'" + resource + "','Condition':{"
            + (condition is null ? "" : condition + ",") + "'ArnNotLike':{'aws:PrincipalArn':{{ExemptedPrincipalArns}}}}}]").Replace('\'', '"');

    /// <summary>The service a detective control judges, from the words of its identifier.</summary>
    public static string ServiceOf(string identifier) => identifier switch
    {
        _ when identifier.StartsWith("CT.", StringComparison.Ordinal) => identifier.Split('.')[1] switch
        {
            "APIGATEWAY" => "Amazon API Gateway", "APPSYNC" => "AWS AppSync", "CLOUDFRONT" => "Amazon CloudFront", "CLOUDTRAIL" => "AWS CloudTrail",
            "CODEBUILD" => "AWS CodeBuild", "DAX" => "Amazon DynamoDB Accelerator", "DMS" => "AWS DMS", "DYNAMODB" => "Amazon DynamoDB",
            "EC2" => "Amazon EC2", "ECR" => "Amazon ECR", "ECS" => "Amazon ECS", "ELASTICFILESYSYSTEM" => "Amazon EFS",
            "ELASTICLOADBALANCING" => "Elastic Load Balancing", "GUARDDUTY" => "Amazon GuardDuty", "IAM" => "AWS IAM", "KINESIS" => "Amazon Kinesis",
            "KMS" => "AWS KMS", "LAMBDA" => "AWS Lambda", "NETWORK-FIREWALL" => "AWS Network Firewall", "RDS" => "Amazon RDS",
            "REDSHIFT" => "Amazon Redshift", "S3" => "Amazon S3", "SQS" => "Amazon SQS", "SECRETSMANAGER" => "AWS Secrets Manager", "STS" => "AWS STS",
            _ => "AWS WAF",
        },
        _ when identifier.Contains("RDS", StringComparison.Ordinal) => "Amazon RDS",
        _ when identifier.Contains("BUCKET", StringComparison.Ordinal) || identifier.Contains("S3", StringComparison.Ordinal) => "Amazon S3",
        _ when identifier.Contains("CLOUDTRAIL", StringComparison.Ordinal) => "AWS CloudTrail",
        _ when identifier.Contains("IAM", StringComparison.Ordinal) || identifier.Contains("ROOT", StringComparison.Ordinal) || identifier.Contains("MFA", StringComparison.Ordinal) => "AWS IAM",
        _ when identifier.Contains("VOLUME", StringComparison.Ordinal) || identifier.Contains("EBS", StringComparison.Ordinal) || identifier.Contains("EC2", StringComparison.Ordinal) => "Amazon EC2",
        _ when identifier.Contains("SSH", StringComparison.Ordinal) || identifier.Contains("PORTS", StringComparison.Ordinal) || identifier.Contains("SUBNET", StringComparison.Ordinal) || identifier.Contains("IGW", StringComparison.Ordinal) => "Amazon VPC",
        _ => "AWS Control Tower",
    };
}
