namespace MirrorTower.Engine.Controls;

/// <summary>
/// The RCP statements behind Control Tower's RCP-based controls ("AWS Control Tower RCP controls" in the Control Tower
/// controls reference; identifiers and names from its "Controls with parameters" list). Control Tower fills
/// <c>{{OrganizationId}}</c> with the id of the organization its landing zone governs, and exempts the principals of
/// the <c>ExemptedPrincipalArns</c> parameter (always AWSControlTowerExecution here) through
/// <c>ArnNotLikeIfExists aws:PrincipalArn</c>. The statements follow the RCP examples of the Organizations and KMS guides.
/// </summary>
internal static class ControlRcps
{
    private const string Exempt = "\"ArnNotLikeIfExists\":{\"aws:PrincipalArn\":{{ExemptedPrincipalArns}}}";

    // The data perimeter of the Organizations and KMS guides: deny the service to principals outside the organization,
    // unless the principal is an AWS service.
    private static string Perimeter(string sid, string service) =>
        $$$"""[{"Sid":"{{{sid}}}","Effect":"Deny","Principal":"*","Action":"{{{service}}}:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"{{OrganizationId}}"},"Bool":{"aws:PrincipalIsAWSService":"false"},{{{Exempt}}}}}]""";

    public static readonly IReadOnlyDictionary<string, (string Service, string Statements, ControlProbe Probe)> ByControl =
        new Dictionary<string, (string, string, ControlProbe)>(StringComparer.Ordinal)
        {
            ["CT.KMS.PV.7"] = ("AWS KMS", Perimeter("CTKMSPV7", "kms"), Outsider("kms:Decrypt")),
            ["CT.S3.PV.4"] = ("Amazon S3", Perimeter("CTS3PV4", "s3"), Outsider("s3:GetObject")),
            ["CT.SECRETSMANAGER.PV.1"] = ("AWS Secrets Manager", Perimeter("CTSECRETSMANAGERPV1", "secretsmanager"), Outsider("secretsmanager:GetSecretValue")),
            ["CT.SQS.PV.1"] = ("Amazon SQS", Perimeter("CTSQSPV1", "sqs"), Outsider("sqs:ReceiveMessage")),
            ["CT.STS.PV.1"] = ("AWS STS", Perimeter("CTSTSPV1", "sts"), Outsider("sts:AssumeRole")),
            // s3:authType is REST-HEADER for a request signed in its Authorization header (S3 condition keys). A request
            // whose auth type is not known is not denied here, so a simulation without the key is not refused.
            ["CT.S3.PV.2"] = ("Amazon S3",
                """[{"Sid":"CTS3PV2","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"s3:authType":"REST-HEADER"},EXEMPT}}]""".Replace("EXEMPT", Exempt),
                Insider("s3:GetObject", "s3:authType", "REST-QUERY-STRING", "a presigned (query-string) request")),
            ["CT.S3.PV.3"] = ("Amazon S3",
                """[{"Sid":"CTS3PV3","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:TlsVersion":"1.3"},EXEMPT}}]""".Replace("EXEMPT", Exempt),
                Insider("s3:GetObject", "s3:TlsVersion", "1.2", "a request over TLS 1.2")),
            ["CT.S3.PV.5"] = ("Amazon S3",
                """[{"Sid":"CTS3PV5","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"},EXEMPT}}]""".Replace("EXEMPT", Exempt),
                Insider("s3:GetObject", "aws:SecureTransport", "false", "a request over plain HTTP")),
            ["CT.S3.PV.6"] = ("Amazon S3",
                """[{"Sid":"CTS3PV6","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"StringNotEqualsIfExists":{"s3:x-amz-server-side-encryption":"aws:kms"},EXEMPT}}]""".Replace("EXEMPT", Exempt),
                new ControlProbe("s3:PutObject", false, new Dictionary<string, string[]>(), "an upload without SSE-KMS")),
        };

    private static ControlProbe Outsider(string action) =>
        new(action, true, new Dictionary<string, string[]>(), "a request by a principal outside the organization");

    private static ControlProbe Insider(string action, string key, string value, string describes) =>
        new(action, false, new Dictionary<string, string[]> { [key] = [value] }, describes);
}
