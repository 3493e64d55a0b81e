namespace MirrorTower.Portal.Features.AccountFactory.Model;

/// <summary>A set of products shared with the roles and users who may launch them; launches may need an admin's approval.</summary>
public sealed class Portfolio
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string ProviderName { get; set; } = "MirrorTower";
    public bool RequiresApproval { get; set; }

    /// <summary>Who may launch through it: portal roles ("Member") and user e-mails.</summary>
    public List<string> Principals { get; set; } = [];

    public List<string> ProductIds { get; set; } = [];
    public DateTime CreatedUtc { get; init; }
}

/// <summary>Something users launch; every product here vends accounts through the Account Factory workflow.</summary>
public sealed class Product
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string Owner { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime CreatedUtc { get; init; }
}

/// <summary>A version of a product (a provisioning artifact): its parameters; one is the default.</summary>
public sealed class ProvisioningArtifact
{
    public required string Id { get; init; }
    public required string ProductId { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public bool Active { get; set; } = true;
    public bool IsDefault { get; set; }
    public List<ParameterDefinition> Parameters { get; set; } = [];

    /// <summary>
    /// A CloudFormation template (an Account Factory blueprint) deployed into every account vended from this version,
    /// checked first by the proactive controls of the OU the account goes to.
    /// </summary>
    public string? Template { get; set; }

    public DateTime CreatedUtc { get; init; }
}

/// <summary>A parameter of a version: its key, whether it is required, its default and what it means.</summary>
public sealed record ParameterDefinition(string Key, string Description, bool Required, string? DefaultValue = null);

public static class ConstraintTypes
{
    public const string Launch = "LAUNCH";
    public const string Template = "TEMPLATE";
}

/// <summary>
/// A constraint on a product in a portfolio. LAUNCH names the role that does the work; TEMPLATE limits a parameter to
/// allowed values (e.g. OUs) or to a pattern such as an e-mail domain ("@example.com" suffix).
/// </summary>
public sealed class CatalogConstraint
{
    public required string Id { get; init; }
    public required string PortfolioId { get; init; }
    public required string ProductId { get; init; }
    public required string Type { get; init; }
    public string Description { get; set; } = "";
    public string? RoleArn { get; set; }
    public string? Parameter { get; set; }
    public List<string> AllowedValues { get; set; } = [];
    public string? RequiredSuffix { get; set; }
}
