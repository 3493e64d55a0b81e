using MirrorTower.Portal.Features.AccountFactory.Model;

namespace MirrorTower.Portal.Features.AccountFactory;

// What the REST API and the admin page are given about the catalog: records named after Service Catalog's own
// (PortfolioDetail, ProvisioningArtifactDetail, ConstraintDetail), never the EF entities.

public sealed record PortfolioDetail(string Id, string Name, string Description, string ProviderName, bool RequiresApproval,
    IReadOnlyList<string> Principals, IReadOnlyList<string> ProductIds, DateTime CreatedUtc)
{
    public static PortfolioDetail From(Portfolio p) =>
        new(p.Id, p.Name, p.Description, p.ProviderName, p.RequiresApproval, [.. p.Principals], [.. p.ProductIds], p.CreatedUtc);
}

public sealed record ProductDetail(string Id, string Name, string Owner, string Description, DateTime CreatedUtc)
{
    public static ProductDetail From(Product p) => new(p.Id, p.Name, p.Owner, p.Description, p.CreatedUtc);
}

public sealed record ProvisioningArtifactDetail(string Id, string ProductId, string Name, string Description, bool Active, bool IsDefault,
    IReadOnlyList<ParameterDefinition> Parameters, DateTime CreatedUtc, string? Template = null)
{
    public static ProvisioningArtifactDetail From(ProvisioningArtifact a) =>
        new(a.Id, a.ProductId, a.Name, a.Description, a.Active, a.IsDefault, [.. a.Parameters], a.CreatedUtc, a.Template);
}

public sealed record ConstraintDetail(string Id, string PortfolioId, string ProductId, string Type, string Description, string? RoleArn,
    string? Parameter, IReadOnlyList<string> AllowedValues, string? RequiredSuffix)
{
    public static ConstraintDetail From(CatalogConstraint c) =>
        new(c.Id, c.PortfolioId, c.ProductId, c.Type, c.Description, c.RoleArn, c.Parameter, [.. c.AllowedValues], c.RequiredSuffix);
}
