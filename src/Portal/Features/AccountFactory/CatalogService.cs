using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;

namespace MirrorTower.Portal.Features.AccountFactory;

public sealed record PortfolioInput(string? Name, string? Description, bool RequiresApproval, IReadOnlyList<string>? Principals, IReadOnlyList<string>? ProductIds);

public sealed record ProductInput(string? Name, string? Description, string? Owner);

/// <param name="Template">A blueprint: a CloudFormation template deployed into every account vended from the version.</param>
public sealed record ArtifactInput(string? Name, string? Description, bool MakeDefault, IReadOnlyList<ParameterDefinition>? Parameters, string? Template = null);

/// <summary>A TEMPLATE constraint limits one parameter to allowed values or a suffix; a LAUNCH constraint names a role.</summary>
public sealed record ConstraintInput(string? ProductId, string? Type, string? Description, string? Parameter, IReadOnlyList<string>? AllowedValues, string? RequiredSuffix, string? RoleArn);

public sealed record CatalogView(IReadOnlyList<PortfolioDetail> Portfolios, IReadOnlyList<ProductDetail> Products, IReadOnlyList<ProvisioningArtifactDetail> Artifacts, IReadOnlyList<ConstraintDetail> Constraints);

/// <summary>Admins manage the catalog: portfolios (access, approval, products), products, versions and constraints. Each change is audited.</summary>
public sealed class CatalogService(IDbContextFactory<PortalDbContext> dbFactory, ChangePipeline changes, AwsIdentifiers ids)
{
    public async Task<CatalogView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new CatalogView(
            [.. (await db.Portfolios.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken)).Select(PortfolioDetail.From)],
            [.. (await db.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken)).Select(ProductDetail.From)],
            [.. (await db.ProvisioningArtifacts.AsNoTracking().OrderBy(a => a.CreatedUtc).ToListAsync(cancellationToken)).Select(ProvisioningArtifactDetail.From)],
            [.. (await db.CatalogConstraints.AsNoTracking().ToListAsync(cancellationToken)).Select(ConstraintDetail.From)]);
    }

    public Task<OperationResult<Portfolio>> SavePortfolioAsync(Actor actor, string? portfolioId, PortfolioInput input) =>
        changes.RunAsync(actor, new ChangeSpec(portfolioId is null ? "servicecatalog:CreatePortfolio" : "servicecatalog:UpdatePortfolio", portfolioId ?? "portfolio", Clearance.Admin), async change =>
        {
            var db = change.Db;
            var errors = change.Errors;
            var portfolio = portfolioId is null ? null : await db.Portfolios.FirstOrDefaultAsync(p => p.Id == portfolioId);
            if (portfolioId is not null && portfolio is null)
            {
                return change.NotFound<Portfolio>($"No portfolio has the id '{portfolioId}'.");
            }
            errors.CheckText("name", input.Name).CheckText("description", input.Description);
            if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
            {
                errors.Add("name", "The portfolio name is required, at most 100 characters.");
            }
            else if (await db.Portfolios.AnyAsync(p => p.Name == input.Name.Trim() && p.Id != portfolioId))
            {
                errors.Add("name", NameTaken("portfolio", input.Name.Trim()));
            }
            var principals = (input.Principals ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var principal in principals.Where(p => PortalRoles.Normalize(p) is null && !p.Contains('@', StringComparison.Ordinal)))
            {
                errors.Add("principals", $"'{principal}' is neither a role ({string.Join(", ", PortalRoles.All)}) nor a user's e-mail.");
            }
            var productIds = (input.ProductIds ?? []).Distinct().ToList();
            var known = await db.Products.Select(p => p.Id).ToListAsync();
            foreach (var id in productIds.Except(known))
            {
                errors.Add("productIds", $"No product has the id '{id}'.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<Portfolio>();
            }
            portfolio ??= db.Portfolios.Add(new Portfolio { Id = ids.CatalogId("port"), Name = "", CreatedUtc = change.Now }).Entity;
            portfolio.Name = input.Name!.Trim();
            portfolio.Description = input.Description?.Trim() ?? "";
            portfolio.RequiresApproval = input.RequiresApproval;
            portfolio.Principals = principals.Select(p => PortalRoles.Normalize(p) ?? p).ToList();
            portfolio.ProductIds = productIds;
            change.Target = portfolio.Id;
            change.UniqueConflict = new FieldErrors().Add("name", NameTaken("portfolio", portfolio.Name));
            change.Touches(ChangeArea.AccountFactory, portfolio.Id);
            return change.Succeed(portfolio,
                $"{portfolio.Name}: shared with {string.Join(", ", portfolio.Principals)}; {productIds.Count} product(s); approval {(portfolio.RequiresApproval ? "required" : "not required")}.");
        });

    /// <summary>A new account-vending product; its first version has the Account Factory's parameters.</summary>
    public Task<OperationResult<Product>> CreateProductAsync(Actor actor, ProductInput input) =>
        changes.RunAsync(actor, new ChangeSpec("servicecatalog:CreateProduct", "product", Clearance.Admin), async change =>
        {
            var db = change.Db;
            var text = new FieldErrors().CheckText("name", input.Name).CheckText("description", input.Description).CheckText("owner", input.Owner);
            if (!text.IsEmpty)
            {
                return change.Invalid<Product>(text);
            }
            if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
            {
                return change.Invalid<Product>(new FieldErrors().Add("name", "The product name is required, at most 100 characters."));
            }
            if (await db.Products.AnyAsync(p => p.Name == input.Name.Trim()))
            {
                return change.Invalid<Product>(new FieldErrors().Add("name", NameTaken("product", input.Name.Trim())));
            }
            var product = new Product { Id = ids.CatalogId("prod"), Name = input.Name.Trim(), Description = input.Description?.Trim() ?? "", Owner = input.Owner?.Trim() ?? actor.Name, CreatedUtc = change.Now };
            db.Products.Add(product);
            db.ProvisioningArtifacts.Add(new ProvisioningArtifact
            {
                Id = ids.CatalogId("pa"), ProductId = product.Id, Name = "v1", Description = "Account Factory parameters", IsDefault = true,
                Parameters = [.. AccountFactoryCatalog.Parameters], CreatedUtc = change.Now,
            });
            change.Target = product.Id;
            change.UniqueConflict = new FieldErrors().Add("name", NameTaken("product", product.Name));
            change.Touches(ChangeArea.AccountFactory, product.Id);
            return change.Succeed(product, $"Product {product.Name} with version v1.");
        });

    private static string NameTaken(string kind, string name) => $"A {kind} named '{name}' already exists: {kind} names are unique, whatever their case.";

    /// <summary>A new version; its parameters must keep the Account Factory's required ones, which the provisioning steps use.</summary>
    public Task<OperationResult<ProvisioningArtifact>> CreateArtifactAsync(Actor actor, string productId, ArtifactInput input) =>
        changes.RunAsync(actor, new ChangeSpec("servicecatalog:CreateProvisioningArtifact", productId, Clearance.Admin), async change =>
        {
            var db = change.Db;
            if (!await db.Products.AnyAsync(p => p.Id == productId))
            {
                return change.NotFound<ProvisioningArtifact>($"No product has the id '{productId}'.");
            }
            var errors = change.Errors.CheckText("name", input.Name).CheckText("description", input.Description);
            if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
            {
                errors.Add("name", "The version name is required, at most 100 characters.");
            }
            var parameters = input.Parameters?.ToList() ?? [.. AccountFactoryCatalog.Parameters];
            foreach (var required in AccountFactoryCatalog.Parameters.Where(p => p.Required).Select(p => p.Key).Except(parameters.Select(p => p.Key)))
            {
                errors.Add("parameters", $"{required} is required by the Account Factory workflow and must stay a parameter.");
            }
            if (!string.IsNullOrWhiteSpace(input.Template))
            {
                foreach (var (field, message) in Engine.Templates.CloudFormationTemplate.Parse(input.Template).Errors)
                {
                    errors.Add(field, message);
                }
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<ProvisioningArtifact>();
            }
            var artifact = new ProvisioningArtifact
            {
                Id = ids.CatalogId("pa"), ProductId = productId, Name = input.Name!.Trim(), Description = input.Description?.Trim() ?? "", Parameters = parameters,
                Template = string.IsNullOrWhiteSpace(input.Template) ? null : input.Template, CreatedUtc = change.Now,
            };
            if (input.MakeDefault)
            {
                foreach (var other in await db.ProvisioningArtifacts.Where(a => a.ProductId == productId && a.IsDefault).ToListAsync())
                {
                    other.IsDefault = false;
                }
                artifact.IsDefault = true;
            }
            db.ProvisioningArtifacts.Add(artifact);
            change.Target = artifact.Id;
            change.Touches(ChangeArea.AccountFactory, artifact.Id);
            return change.Succeed(artifact, $"Version {artifact.Name} of {productId}{(artifact.IsDefault ? ", the default" : "")}.");
        });

    public Task<OperationResult<CatalogConstraint>> AddConstraintAsync(Actor actor, string portfolioId, ConstraintInput input) =>
        changes.RunAsync(actor, new ChangeSpec("servicecatalog:CreateConstraint", portfolioId, Clearance.Admin), async change =>
        {
            var portfolio = await change.Db.Portfolios.FirstOrDefaultAsync(p => p.Id == portfolioId);
            if (portfolio is null)
            {
                return change.NotFound<CatalogConstraint>($"No portfolio has the id '{portfolioId}'.");
            }
            var errors = change.Errors.CheckText("description", input.Description);
            if (input.ProductId is null || !portfolio.ProductIds.Contains(input.ProductId))
            {
                errors.Add("productId", $"'{input.ProductId}' is not a product of {portfolio.Name}.");
            }
            var type = input.Type?.Trim().ToUpperInvariant();
            if (type is not (ConstraintTypes.Launch or ConstraintTypes.Template))
            {
                errors.Add("type", "The constraint type is LAUNCH or TEMPLATE.");
            }
            if (type == ConstraintTypes.Launch && (input.RoleArn is null || !input.RoleArn.StartsWith("arn:aws:iam::", StringComparison.Ordinal)))
            {
                errors.Add("roleArn", "A LAUNCH constraint names the role that does the work (arn:aws:iam::ACCOUNT:role/NAME).");
            }
            if (type == ConstraintTypes.Template)
            {
                if (!AccountFactoryCatalog.Parameters.Any(p => p.Key == input.Parameter))
                {
                    errors.Add("parameter", $"'{input.Parameter}' is not a parameter: use one of {string.Join(", ", AccountFactoryCatalog.Parameters.Select(p => p.Key))}.");
                }
                if ((input.AllowedValues?.Count ?? 0) == 0 && string.IsNullOrWhiteSpace(input.RequiredSuffix))
                {
                    errors.Add("allowedValues", "A TEMPLATE constraint lists allowed values, or a required suffix such as '@example.com'.");
                }
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<CatalogConstraint>();
            }
            var constraint = new CatalogConstraint
            {
                Id = ids.CatalogId("cons"), PortfolioId = portfolioId, ProductId = input.ProductId!, Type = type!, Description = input.Description?.Trim() ?? "",
                RoleArn = input.RoleArn?.Trim(), Parameter = input.Parameter, AllowedValues = input.AllowedValues?.Select(v => v.Trim()).ToList() ?? [], RequiredSuffix = input.RequiredSuffix?.Trim(),
            };
            change.Db.CatalogConstraints.Add(constraint);
            change.Target = constraint.Id;
            change.Touches(ChangeArea.AccountFactory, constraint.Id);
            return change.Succeed(constraint, $"{type} constraint on {input.ProductId} in {portfolio.Name}: {constraint.Description}");
        });

    public Task<OperationResult<string>> DeleteConstraintAsync(Actor actor, string constraintId) =>
        changes.RunAsync(actor, new ChangeSpec("servicecatalog:DeleteConstraint", constraintId, Clearance.Admin), async change =>
        {
            var constraint = await change.Db.CatalogConstraints.FirstOrDefaultAsync(c => c.Id == constraintId);
            if (constraint is null)
            {
                return change.NotFound<string>($"No constraint has the id '{constraintId}'.");
            }
            change.Db.CatalogConstraints.Remove(constraint);
            change.Touches(ChangeArea.AccountFactory, constraintId);
            return change.Succeed(constraintId, $"{constraint.Type} constraint removed.");
        });
}
