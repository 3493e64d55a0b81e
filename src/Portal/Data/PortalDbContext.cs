using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.Workbench;

namespace MirrorTower.Portal.Data;

/// <summary>
/// The portal's model, and its SQLite context (whose migrations are <c>Data/Migrations</c>); on PostgreSQL the
/// derived <see cref="PostgreSql.PostgreSqlDbContext"/> keeps its own migrations. Features only ever see this type.
/// </summary>
public class PortalDbContext : IdentityDbContext<ApplicationUser>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The collation the configurations give names compared whatever their case (SQLite's ASCII NOCASE).</summary>
    public const string CaseInsensitiveCollation = "NOCASE";

    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
    }

    protected PortalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<LandingZone> LandingZones => Set<LandingZone>();
    public DbSet<OrganizationalUnit> OrganizationalUnits => Set<OrganizationalUnit>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ScpPolicy> Policies => Set<ScpPolicy>();
    public DbSet<PolicyAttachment> PolicyAttachments => Set<PolicyAttachment>();
    public DbSet<OrganizationTag> OrganizationTags => Set<OrganizationTag>();
    public DbSet<EnabledControl> EnabledControls => Set<EnabledControl>();
    public DbSet<ControlOperation> ControlOperations => Set<ControlOperation>();
    public DbSet<AccountResource> AccountResources => Set<AccountResource>();
    public DbSet<ComplianceResult> ComplianceResults => Set<ComplianceResult>();
    public DbSet<PolicyTestSuite> PolicyTestSuites => Set<PolicyTestSuite>();
    public DbSet<PolicyTestCase> PolicyTestCases => Set<PolicyTestCase>();
    public DbSet<Vpc> Vpcs => Set<Vpc>();
    public DbSet<Subnet> Subnets => Set<Subnet>();
    public DbSet<Instance> Instances => Set<Instance>();
    public DbSet<NetworkInterface> NetworkInterfaces => Set<NetworkInterface>();
    public DbSet<NetworkInterfaceIpv6Address> NetworkInterfaceIpv6Addresses => Set<NetworkInterfaceIpv6Address>();
    public DbSet<LoadBalancer> LoadBalancers => Set<LoadBalancer>();
    public DbSet<LoadBalancerAppliance> LoadBalancerAppliances => Set<LoadBalancerAppliance>();
    public DbSet<GatewayLoadBalancerEndpoint> GatewayLoadBalancerEndpoints => Set<GatewayLoadBalancerEndpoint>();
    public DbSet<VpcPeering> VpcPeerings => Set<VpcPeering>();
    public DbSet<TransitGatewayAttachment> TransitGatewayAttachments => Set<TransitGatewayAttachment>();
    public DbSet<TrafficMirrorFilterEntity> TrafficMirrorFilters => Set<TrafficMirrorFilterEntity>();
    public DbSet<TrafficMirrorFilterRuleEntity> TrafficMirrorFilterRules => Set<TrafficMirrorFilterRuleEntity>();
    public DbSet<TrafficMirrorTargetEntity> TrafficMirrorTargets => Set<TrafficMirrorTargetEntity>();
    public DbSet<TrafficMirrorSessionEntity> TrafficMirrorSessions => Set<TrafficMirrorSessionEntity>();
    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();
    public DbSet<Features.Mirroring.Ec2.IdempotentRequest> IdempotentRequests => Set<Features.Mirroring.Ec2.IdempotentRequest>();
    public DbSet<Features.Simulation.SimulationRunRecord> SimulationRuns => Set<Features.Simulation.SimulationRunRecord>();
    public DbSet<Features.AccountFactory.Model.Portfolio> Portfolios => Set<Features.AccountFactory.Model.Portfolio>();
    public DbSet<Features.AccountFactory.Model.Product> Products => Set<Features.AccountFactory.Model.Product>();
    public DbSet<Features.AccountFactory.Model.ProvisioningArtifact> ProvisioningArtifacts => Set<Features.AccountFactory.Model.ProvisioningArtifact>();
    public DbSet<Features.AccountFactory.Model.CatalogConstraint> CatalogConstraints => Set<Features.AccountFactory.Model.CatalogConstraint>();
    public DbSet<Features.AccountFactory.Model.ProvisionedProduct> ProvisionedProducts => Set<Features.AccountFactory.Model.ProvisionedProduct>();
    public DbSet<Features.AccountFactory.Model.ProvisioningRecord> ProvisioningRecords => Set<Features.AccountFactory.Model.ProvisioningRecord>();
    public DbSet<Features.AccountFactory.Model.RecordStep> RecordSteps => Set<Features.AccountFactory.Model.RecordStep>();

    public DbSet<Features.Simulation.LiveRunSnapshot> LiveRunSnapshots => Set<Features.Simulation.LiveRunSnapshot>();
    public DbSet<Cluster.ClusterInstanceRecord> ClusterInstances => Set<Cluster.ClusterInstanceRecord>();
    public DbSet<Cluster.ClusterLease> ClusterLeases => Set<Cluster.ClusterLease>();
    public DbSet<Features.Identity.SignInWindow> SignInWindows => Set<Features.Identity.SignInWindow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        BoundAuditFields();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        BoundAuditFields();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Anyone can make an audit event (a failed sign-in with a 25 MiB e-mail): every text field is cut to the length
    // its configuration gives, keeping a prefix and the original length, so the append-only table cannot be grown at will.
    private void BoundAuditFields()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added))
        {
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.GetMaxLength() is { } max && property.CurrentValue is string value && value.Length > max)
                {
                    property.CurrentValue = AuditText.Bound(value, max);
                }
            }
        }
    }

    // The audit trail is append-only; the database triggers of the migration enforce it for raw SQL too.
    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit events are append-only: they cannot be changed or deleted.");
        }
    }
}
