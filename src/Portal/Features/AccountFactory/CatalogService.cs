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

public sealed record ArtifactInput(string? Name, string? Description, bool MakeDefault, IReadOnlyList<ParameterDefinition>? Parameters);

/// <summary>A TEMPLATE constraint limits one parameter to allowed values or a suffix; a LAUNCH constraint names a role.</summary>
public sealed record ConstraintInput(string? ProductId, string? Type, string? Description, string? Parameter, IReadOnlyList<string>? AllowedValues, string? RequiredSuffix, string? RoleArn);

public sealed record CatalogView(IReadOnlyList<Portfolio> Portfolios, IReadOnlyList<Product> Products, IReadOnlyList<ProvisioningArtifact> Artifacts, IReadOnlyList<CatalogConstraint> Constraints);

/// <summary>Admins manage the catalog: portfolios (access, approval, products), products, versions and constraints. Each change is audited.</summary>
public sealed class CatalogService(IDbContextFactory<PortalDbContext> dbFactory, WriteGate gate, AwsIdentifiers ids, AuditTrail auditTrail)
{
    public async Task<CatalogView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new CatalogView(await db.Portfolios.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken), await db.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken),
            await db.ProvisioningArtifacts.AsNoTracking().OrderBy(a => a.CreatedUtc).ToListAsync(cancellationToken), await db.CatalogConstraints.AsNoTracking().ToListAsync(cancellationToken));
    }

    public async Task<OperationResult<Portfolio>> SavePortfolioAsync(Actor actor, string? portfolioId, PortfolioInput input)
    {
        var action = portfolioId is null ? "servicecatalog:CreatePortfolio" : "servicecatalog:UpdatePortfolio";
        await using var change = await gate.BeginAsync();
        var db = change.Db;
        var errors = new FieldErrors();
        var portfolio = portfolioId is null ? null : await db.Portfolios.FirstOrDefaultAsync(p => p.Id == portfolioId);
        if (portfolioId is not null && portfolio is null)
        {
            return OperationResult<Portfolio>.NotFound($"No portfolio has the id '{portfolioId}'.");
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
            return await change.RefuseAsync<Portfolio>(actor, action, portfolioId ?? "portfolio", errors);
        }
        portfolio ??= db.Portfolios.Add(new Portfolio { Id = ids.CatalogId("port"), Name = "", CreatedUtc = DateTime.UtcNow }).Entity;
        portfolio.Name = input.Name!.Trim();
        portfolio.Description = input.Description?.Trim() ?? "";
        portfolio.RequiresApproval = input.RequiresApproval;
        portfolio.Principals = principals.Select(p => PortalRoles.Normalize(p) ?? p).ToList();
        portfolio.ProductIds = productIds;
        db.AuditEvents.Add(actor.Record(action, portfolio.Id, AuditOutcome.Succeeded,
            $"{portfolio.Name}: shared with {string.Join(", ", portfolio.Principals)}; {productIds.Count} product(s); approval {(portfolio.RequiresApproval ? "required" : "not required")}."));
        var taken = new FieldErrors().Add("name", NameTaken("portfolio", portfolio.Name));
        return await change.TryCommitAsync(actor, action, portfolio.Id, taken) ? OperationResult<Portfolio>.Success(portfolio) : OperationResult<Portfolio>.Invalid(taken);
    }

    /// <summary>A new account-vending product; its first version has the Account Factory's parameters.</summary>
    public async Task<OperationResult<Product>> CreateProductAsync(Actor actor, ProductInput input)
    {
        const string Action = "servicecatalog:CreateProduct";
        await using var change = await gate.BeginAsync();
        var db = change.Db;
        var text = new FieldErrors().CheckText("name", input.Name).CheckText("description", input.Description).CheckText("owner", input.Owner);
        if (!text.IsEmpty)
        {
            return await change.RefuseAsync<Product>(actor, Action, "product", text);
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            return await change.RefuseAsync<Product>(actor, Action, "product", new FieldErrors().Add("name", "The product name is required, at most 100 characters."));
        }
        if (await db.Products.AnyAsync(p => p.Name == input.Name.Trim()))
        {
            return await change.RefuseAsync<Product>(actor, Action, "product", new FieldErrors().Add("name", NameTaken("product", input.Name.Trim())));
        }
        var product = new Product { Id = ids.CatalogId("prod"), Name = input.Name.Trim(), Description = input.Description?.Trim() ?? "", Owner = input.Owner?.Trim() ?? actor.Name, CreatedUtc = DateTime.UtcNow };
        db.Products.Add(product);
        db.ProvisioningArtifacts.Add(new ProvisioningArtifact
        {
            Id = ids.CatalogId("pa"), ProductId = product.Id, Name = "v1", Description = "Account Factory parameters", IsDefault = true,
            Parameters = [.. AccountFactoryCatalog.Parameters], CreatedUtc = DateTime.UtcNow,
        });
        db.AuditEvents.Add(actor.Record(Action, product.Id, AuditOutcome.Succeeded, $"Product {product.Name} with version v1."));
        var taken = new FieldErrors().Add("name", NameTaken("product", product.Name));
        return await change.TryCommitAsync(actor, Action, product.Id, taken) ? OperationResult<Product>.Success(product) : OperationResult<Product>.Invalid(taken);
    }

    private static string NameTaken(string kind, string name) => $"A {kind} named '{name}' already exists: {kind} names are unique, whatever their case.";

    /// <summary>A new version; its parameters must keep the Account Factory's required ones, which the provisioning steps use.</summary>
    public async Task<OperationResult<ProvisioningArtifact>> CreateArtifactAsync(Actor actor, string productId, ArtifactInput input)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Products.AnyAsync(p => p.Id == productId))
        {
            return OperationResult<ProvisioningArtifact>.NotFound($"No product has the id '{productId}'.");
        }
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            errors.Add("name", "The version name is required, at most 100 characters.");
        }
        var parameters = input.Parameters?.ToList() ?? [.. AccountFactoryCatalog.Parameters];
        foreach (var required in AccountFactoryCatalog.Parameters.Where(p => p.Required).Select(p => p.Key).Except(parameters.Select(p => p.Key)))
        {
            errors.Add("parameters", $"{required} is required by the Account Factory workflow and must stay a parameter.");
        }
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<ProvisioningArtifact>(actor, "servicecatalog:CreateProvisioningArtifact", productId, errors);
        }
        var artifact = new ProvisioningArtifact { Id = ids.CatalogId("pa"), ProductId = productId, Name = input.Name!.Trim(), Description = input.Description?.Trim() ?? "", Parameters = parameters, CreatedUtc = DateTime.UtcNow };
        if (input.MakeDefault)
        {
            await db.ProvisioningArtifacts.Where(a => a.ProductId == productId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefault, false));
            artifact.IsDefault = true;
        }
        db.ProvisioningArtifacts.Add(artifact);
        db.AuditEvents.Add(actor.Record("servicecatalog:CreateProvisioningArtifact", artifact.Id, AuditOutcome.Succeeded, $"Version {artifact.Name} of {productId}{(artifact.IsDefault ? ", the default" : "")}."));
        await db.SaveChangesAsync();
        return OperationResult<ProvisioningArtifact>.Success(artifact);
    }

    public async Task<OperationResult<CatalogConstraint>> AddConstraintAsync(Actor actor, string portfolioId, ConstraintInput input)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var portfolio = await db.Portfolios.FirstOrDefaultAsync(p => p.Id == portfolioId);
        if (portfolio is null)
        {
            return OperationResult<CatalogConstraint>.NotFound($"No portfolio has the id '{portfolioId}'.");
        }
        var errors = new FieldErrors();
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
            return await auditTrail.RefuseAsync<CatalogConstraint>(actor, "servicecatalog:CreateConstraint", portfolioId, errors);
        }
        var constraint = new CatalogConstraint
        {
            Id = ids.CatalogId("cons"), PortfolioId = portfolioId, ProductId = input.ProductId!, Type = type!, Description = input.Description?.Trim() ?? "",
            RoleArn = input.RoleArn?.Trim(), Parameter = input.Parameter, AllowedValues = input.AllowedValues?.Select(v => v.Trim()).ToList() ?? [], RequiredSuffix = input.RequiredSuffix?.Trim(),
        };
        db.CatalogConstraints.Add(constraint);
        db.AuditEvents.Add(actor.Record("servicecatalog:CreateConstraint", constraint.Id, AuditOutcome.Succeeded, $"{type} constraint on {input.ProductId} in {portfolio.Name}: {constraint.Description}"));
        await db.SaveChangesAsync();
        return OperationResult<CatalogConstraint>.Success(constraint);
    }

    public async Task<OperationResult<string>> DeleteConstraintAsync(Actor actor, string constraintId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var constraint = await db.CatalogConstraints.FirstOrDefaultAsync(c => c.Id == constraintId);
        if (constraint is null)
        {
            return OperationResult<string>.NotFound($"No constraint has the id '{constraintId}'.");
        }
        db.CatalogConstraints.Remove(constraint);
        db.AuditEvents.Add(actor.Record("servicecatalog:DeleteConstraint", constraintId, AuditOutcome.Succeeded, $"{constraint.Type} constraint removed."));
        await db.SaveChangesAsync();
        return OperationResult<string>.Success(constraintId);
    }
}
