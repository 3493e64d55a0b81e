using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>
/// The catalog Control Tower sets up: the Account Factory portfolio, shared with Admins and Members, holding the Account
/// Factory product, its first version with the reference's parameters and network settings, and a LAUNCH constraint.
/// </summary>
public static class AccountFactoryCatalog
{
    public const string ProductName = "AWS Control Tower Account Factory";
    public const string PortfolioName = "AWS Control Tower Account Factory Portfolio";

    public static readonly IReadOnlyList<ParameterDefinition> Parameters =
    [
        new(AccountParameters.AccountEmail, "The account's root e-mail, unique across the organization.", true),
        new(AccountParameters.AccountName, "The account's display name.", true),
        new(AccountParameters.ManagedOrganizationalUnit, "A registered OU; a nested OU is written 'Name (ou-xxxx-xxxxxxxx)'.", true),
        new(AccountParameters.SsoUserEmail, "The e-mail of the account's first Identity Center user.", true),
        new(AccountParameters.SsoUserFirstName, "The first name of that user.", true),
        new(AccountParameters.SsoUserLastName, "The last name of that user.", true),
        new(AccountParameters.VpcCidr, "The VPC's CIDR block in every Region that gets one.", false, "172.31.0.0/16"),
        new(AccountParameters.VpcRegions, "The Regions that get a VPC, comma-separated; empty for none. Default: the governed Regions.", false),
        new(AccountParameters.AvailabilityZones, "How many Availability Zones get subnets (1-3).", false, "3"),
        new(AccountParameters.PrivateSubnetsPerAz, "Private subnets per Availability Zone (0-2).", false, "1"),
        new(AccountParameters.InternetAccessibleSubnet, "An internet-accessible subnet (and a NAT gateway): true or false.", false, "false"),
    ];

    /// <summary>Adds the catalog to a landing zone being set up (one transaction with it, made at the zone's time).</summary>
    public static void Add(PortalDbContext db, AwsIdentifiers ids, LandingZone zone)
    {
        var product = new Product { Id = ids.CatalogId("prod"), Name = ProductName, Owner = "AWS Control Tower", Description = "Vends governed accounts.", CreatedUtc = zone.CreatedUtc };
        var portfolio = new Portfolio
        {
            Id = ids.CatalogId("port"), Name = PortfolioName, Description = "Account vending for every team.", ProviderName = "AWS Control Tower",
            Principals = [PortalRoles.Admin, PortalRoles.Member], ProductIds = [product.Id], CreatedUtc = zone.CreatedUtc,
        };
        db.Products.Add(product);
        db.Portfolios.Add(portfolio);
        db.ProvisioningArtifacts.Add(new ProvisioningArtifact
        {
            Id = ids.CatalogId("pa"), ProductId = product.Id, Name = "AWS Control Tower Account Factory", Description = "Landing zone " + zone.Version,
            IsDefault = true, Parameters = [.. Parameters], CreatedUtc = zone.CreatedUtc,
        });
        db.CatalogConstraints.Add(new CatalogConstraint
        {
            Id = ids.CatalogId("cons"), PortfolioId = portfolio.Id, ProductId = product.Id, Type = ConstraintTypes.Launch,
            Description = "Control Tower's role launches the product.", RoleArn = $"arn:aws:iam::{zone.ManagementAccountId}:role/service-role/AWSControlTowerAdmin",
        });
    }

    /// <summary>For a landing zone set up before the catalog existed.</summary>
    public static async Task EnsureAsync(PortalDbContext db, AwsIdentifiers ids)
    {
        if (await db.LandingZones.FirstOrDefaultAsync() is { } zone && !await db.Products.AnyAsync())
        {
            Add(db, ids, zone);
            await db.SaveChangesAsync();
        }
    }
}

/// <summary>The Account Factory's parameter names.</summary>
public static class AccountParameters
{
    public const string AccountEmail = nameof(AccountEmail);
    public const string AccountName = nameof(AccountName);
    public const string ManagedOrganizationalUnit = nameof(ManagedOrganizationalUnit);
    public const string SsoUserEmail = "SSOUserEmail";
    public const string SsoUserFirstName = "SSOUserFirstName";
    public const string SsoUserLastName = "SSOUserLastName";
    public const string VpcCidr = nameof(VpcCidr);
    public const string VpcRegions = nameof(VpcRegions);
    public const string AvailabilityZones = nameof(AvailabilityZones);
    public const string PrivateSubnetsPerAz = nameof(PrivateSubnetsPerAz);
    public const string InternetAccessibleSubnet = nameof(InternetAccessibleSubnet);
}

/// <summary>Adds the Account Factory product and its portfolio when the landing zone is set up.</summary>
public sealed class AccountFactoryCatalogContribution(AwsIdentifiers ids) : Organization.ILandingZoneContribution
{
    public void Add(PortalDbContext db, LandingZone zone) => AccountFactoryCatalog.Add(db, ids, zone);
}

/// <summary>In the demo, launches by Members wait for an admin's approval, to show the whole workflow.</summary>
public sealed class AccountFactoryDemoContribution : Organization.IDemoContribution
{
    public async Task AddAsync(PortalDbContext db, string homeRegion, IReadOnlyDictionary<string, string> accountIds)
    {
        foreach (var portfolio in await db.Portfolios.ToListAsync())
        {
            portfolio.RequiresApproval = true;
        }
    }
}
