namespace MirrorTower.Engine.Controls;

/// <summary>
/// The Control Catalog's domains and objectives for a control, read from what the control is about. The catalog file does
/// not carry them: the stored AWS pages name the objective of a few controls only (for example "Enforce least privilege" for
/// the RCP controls), so the others are classified here by the same vocabulary (ADR 0016).
/// </summary>
public static class ControlClassification
{
    private static readonly (string[] Words, string Domain, string Objective)[] Rules =
    [
        (["accessible only", "principals", "root user", "root", "mfa", "iam", "privileged", "authentication", "access keys", "user identity", "access control list", "policies to prohibit public"],
            "Identity and access management", "Enforce least privilege"),
        (["tls", "ssl", "https", "secure sockets", "encryption in transit", "encryption of data in transit", "sni", "authorization header", "encrypt traffic"],
            "Data protection", "Encrypt data in transit"),
        (["encrypt", "kms key", "key material", "cmk", "sse-kms", "rsa"], "Data protection", "Encrypt data at rest"),
        (["public", "internet", "ip address", "0.0.0.0", "vpn", "network", "region", "security group", "ports", "ssh", "route", "vpc", "graphql"],
            "Network security", "Limit network access"),
        (["log", "trail", "monitoring", "x-ray", "insights", "notification", "health reporting", "event"],
            "Logging and monitoring", "Establish logging and monitoring"),
        (["backup", "snapshot", "versioning", "point-in-time", "deletion protection", "multiple availability", "failover", "backtracking", "lifecycle", "retention", "dead-letter", "draining", "cross-zone"],
            "Resilience", "Improve resiliency"),
    ];

    public static (string Domain, string Objective) Of(Control control)
    {
        var text = control.Name.ToLowerInvariant();
        foreach (var (words, domain, objective) in Rules)
        {
            if (words.Any(w => text.Contains(w, StringComparison.Ordinal)))
            {
                return (domain, objective);
            }
        }
        return ("Security governance", "Protect configurations");
    }
}
