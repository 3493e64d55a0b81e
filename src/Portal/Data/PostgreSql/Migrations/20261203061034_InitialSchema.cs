using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MirrorTower.Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:citext", ",,");

            migrationBuilder.CreateTable(
                name: "AccessKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    ProtectedSecret = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountResources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Arn = table.Column<string>(type: "text", nullable: false),
                    Properties = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountResources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Email = table.Column<string>(type: "citext", nullable: false),
                    OuId = table.Column<string>(type: "text", nullable: true),
                    ExpectedOuId = table.Column<string>(type: "text", nullable: true),
                    Enrolled = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TimeUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Target = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClientIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    PrincipalArn = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Seal = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClusterInstances",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HeartbeatUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterInstances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClusterLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ControlOperations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    OperationType = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    ControlIdentifier = table.Column<string>(type: "text", nullable: false),
                    TargetId = table.Column<string>(type: "text", nullable: false),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    StatusMessage = table.Column<string>(type: "text", nullable: true),
                    RequestedBy = table.Column<string>(type: "text", nullable: false),
                    RequestedVia = table.Column<string>(type: "text", nullable: false),
                    TestReport = table.Column<string>(type: "text", nullable: true),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlOperations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnabledControls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ControlIdentifier = table.Column<string>(type: "text", nullable: false),
                    OuId = table.Column<string>(type: "text", nullable: false),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    EnabledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnabledControls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotentRequests",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ParametersHash = table.Column<string>(type: "text", nullable: false),
                    ResponseXml = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotentRequests", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "LandingZones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RootId = table.Column<string>(type: "text", nullable: false),
                    ManagementAccountId = table.Column<string>(type: "text", nullable: false),
                    GovernedRegions = table.Column<string>(type: "text", nullable: false),
                    SecurityOuId = table.Column<string>(type: "text", nullable: false),
                    SandboxOuId = table.Column<string>(type: "text", nullable: true),
                    LogArchiveAccountId = table.Column<string>(type: "text", nullable: false),
                    AuditAccountId = table.Column<string>(type: "text", nullable: false),
                    LogRetentionDays = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LandingZones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LiveRunSnapshots",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "text", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveRunSnapshots", x => x.RunId);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationalUnits",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "citext", maxLength: 128, nullable: false),
                    ParentId = table.Column<string>(type: "text", nullable: true),
                    Registered = table.Column<bool>(type: "boolean", nullable: false),
                    Foundational = table.Column<bool>(type: "boolean", nullable: false),
                    DeletedOutOfBand = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ParentKey = table.Column<string>(type: "text", nullable: true, computedColumnSql: "coalesce(\"ParentId\", '')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationalUnits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationTags",
                columns: table => new
                {
                    ResourceId = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationTags", x => new { x.ResourceId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false),
                    ExpectedDocument = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    OwnerOuId = table.Column<string>(type: "text", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PolicyAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PolicyId = table.Column<string>(type: "text", nullable: false),
                    TargetId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PolicyTestSuites",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    ScopeOuId = table.Column<string>(type: "text", nullable: true),
                    Enforcement = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyTestSuites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Portfolios",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "citext", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    ProviderName = table.Column<string>(type: "text", nullable: false),
                    RequiresApproval = table.Column<bool>(type: "boolean", nullable: false),
                    Principals = table.Column<string>(type: "text", nullable: false),
                    ProductIds = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Portfolios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "citext", nullable: false),
                    Owner = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisionedProducts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    ArtifactId = table.Column<string>(type: "text", nullable: false),
                    PortfolioId = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    StatusMessage = table.Column<string>(type: "text", nullable: false),
                    Taint = table.Column<string>(type: "text", nullable: true),
                    TargetOuId = table.Column<string>(type: "text", nullable: true),
                    OwnerUserId = table.Column<string>(type: "text", nullable: false),
                    OwnerName = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: true),
                    ReservedEmail = table.Column<string>(type: "citext", nullable: true),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    LastRecordId = table.Column<string>(type: "text", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProvisionToken = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    LaunchFingerprint = table.Column<string>(type: "text", nullable: true),
                    TerminatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisionedProducts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningRecords",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ProvisionedProductId = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Approval = table.Column<string>(type: "text", nullable: false),
                    ApprovedBy = table.Column<string>(type: "text", nullable: true),
                    ApprovalReason = table.Column<string>(type: "text", nullable: true),
                    RequestedBy = table.Column<string>(type: "text", nullable: false),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    TargetOuId = table.Column<string>(type: "text", nullable: true),
                    AccountId = table.Column<string>(type: "text", nullable: true),
                    Message = table.Column<string>(type: "text", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseHolder = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    LeaseExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SimulationRuns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    SpecJson = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    Instance = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: true),
                    ReportJson = table.Column<string>(type: "text", nullable: false),
                    TimeSeriesJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorFilters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    AmazonDns = table.Column<bool>(type: "boolean", nullable: false),
                    Tags = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficMirrorFilters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorTargets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "text", nullable: true),
                    NetworkLoadBalancerArn = table.Column<string>(type: "text", nullable: true),
                    GatewayLoadBalancerEndpointId = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Tags = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficMirrorTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vpcs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: false),
                    CidrBlock = table.Column<string>(type: "text", nullable: false),
                    Ipv6CidrBlock = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vpcs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ComplianceResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResourceId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    ControlIdentifier = table.Column<string>(type: "text", nullable: false),
                    Compliance = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Annotation = table.Column<string>(type: "text", nullable: false),
                    EvaluatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplianceResults_AccountResources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "AccountResources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyTestCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuiteId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: true),
                    RequestJson = table.Column<string>(type: "text", nullable: false),
                    Expected = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyTestCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyTestCases_PolicyTestSuites_SuiteId",
                        column: x => x.SuiteId,
                        principalTable: "PolicyTestSuites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CatalogConstraints",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    PortfolioId = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    RoleArn = table.Column<string>(type: "text", nullable: true),
                    Parameter = table.Column<string>(type: "text", nullable: true),
                    AllowedValues = table.Column<string>(type: "text", nullable: false),
                    RequiredSuffix = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogConstraints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CatalogConstraints_Portfolios_PortfolioId",
                        column: x => x.PortfolioId,
                        principalTable: "Portfolios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningArtifacts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    Template = table.Column<string>(type: "text", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningArtifacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProvisioningArtifacts_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecordSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordId = table.Column<string>(type: "text", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordSteps_ProvisioningRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ProvisioningRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorFilterRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    FilterId = table.Column<string>(type: "text", nullable: false),
                    Direction = table.Column<string>(type: "text", nullable: false),
                    RuleNumber = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "text", nullable: false),
                    Protocol = table.Column<int>(type: "integer", nullable: true),
                    SourceCidrBlock = table.Column<string>(type: "text", nullable: false),
                    DestinationCidrBlock = table.Column<string>(type: "text", nullable: false),
                    SourceFromPort = table.Column<int>(type: "integer", nullable: true),
                    SourceToPort = table.Column<int>(type: "integer", nullable: true),
                    DestinationFromPort = table.Column<int>(type: "integer", nullable: true),
                    DestinationToPort = table.Column<int>(type: "integer", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficMirrorFilterRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrafficMirrorFilterRules_TrafficMirrorFilters_FilterId",
                        column: x => x.FilterId,
                        principalTable: "TrafficMirrorFilters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LoadBalancers",
                columns: table => new
                {
                    Arn = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    VpcId = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    PrivateIpAddress = table.Column<string>(type: "text", nullable: false),
                    Listeners = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoadBalancers", x => x.Arn);
                    table.ForeignKey(
                        name: "FK_LoadBalancers_Vpcs_VpcId",
                        column: x => x.VpcId,
                        principalTable: "Vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Subnets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    VpcId = table.Column<string>(type: "text", nullable: false),
                    AvailabilityZone = table.Column<string>(type: "text", nullable: false),
                    CidrBlock = table.Column<string>(type: "text", nullable: false),
                    Ipv6CidrBlock = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subnets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subnets_Vpcs_VpcId",
                        column: x => x.VpcId,
                        principalTable: "Vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransitGatewayAttachments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    TransitGatewayId = table.Column<string>(type: "text", nullable: false),
                    VpcId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransitGatewayAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransitGatewayAttachments_Vpcs_VpcId",
                        column: x => x.VpcId,
                        principalTable: "Vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VpcPeerings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    RequesterVpcId = table.Column<string>(type: "text", nullable: false),
                    AccepterVpcId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VpcPeerings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VpcPeerings_Vpcs_AccepterVpcId",
                        column: x => x.AccepterVpcId,
                        principalTable: "Vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VpcPeerings_Vpcs_RequesterVpcId",
                        column: x => x.RequesterVpcId,
                        principalTable: "Vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GatewayLoadBalancerEndpoints",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    VpcId = table.Column<string>(type: "text", nullable: false),
                    SubnetId = table.Column<string>(type: "text", nullable: false),
                    ServiceLoadBalancerArn = table.Column<string>(type: "text", nullable: false),
                    PrivateIpAddress = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GatewayLoadBalancerEndpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GatewayLoadBalancerEndpoints_LoadBalancers_ServiceLoadBalan~",
                        column: x => x.ServiceLoadBalancerArn,
                        principalTable: "LoadBalancers",
                        principalColumn: "Arn",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GatewayLoadBalancerEndpoints_Subnets_SubnetId",
                        column: x => x.SubnetId,
                        principalTable: "Subnets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Instances",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    SubnetId = table.Column<string>(type: "text", nullable: false),
                    InstanceType = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Instances_Subnets_SubnetId",
                        column: x => x.SubnetId,
                        principalTable: "Subnets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LoadBalancerAppliances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LoadBalancerArn = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    Healthy = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoadBalancerAppliances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoadBalancerAppliances_Instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LoadBalancerAppliances_LoadBalancers_LoadBalancerArn",
                        column: x => x.LoadBalancerArn,
                        principalTable: "LoadBalancers",
                        principalColumn: "Arn",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkInterfaces",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    SubnetId = table.Column<string>(type: "text", nullable: false),
                    PrivateIpAddress = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: true),
                    DeviceIndex = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Subnets_SubnetId",
                        column: x => x.SubnetId,
                        principalTable: "Subnets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NetworkInterfaceIpv6Addresses",
                columns: table => new
                {
                    Address = table.Column<string>(type: "text", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaceIpv6Addresses", x => x.Address);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaceIpv6Addresses_NetworkInterfaces_NetworkInte~",
                        column: x => x.NetworkInterfaceId,
                        principalTable: "NetworkInterfaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "text", nullable: false),
                    TargetId = table.Column<string>(type: "text", nullable: false),
                    FilterId = table.Column<string>(type: "text", nullable: false),
                    SessionNumber = table.Column<int>(type: "integer", nullable: false),
                    PacketLength = table.Column<int>(type: "integer", nullable: true),
                    VirtualNetworkId = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Tags = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficMirrorSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrafficMirrorSessions_NetworkInterfaces_NetworkInterfaceId",
                        column: x => x.NetworkInterfaceId,
                        principalTable: "NetworkInterfaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrafficMirrorSessions_TrafficMirrorFilters_FilterId",
                        column: x => x.FilterId,
                        principalTable: "TrafficMirrorFilters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TrafficMirrorSessions_TrafficMirrorTargets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "TrafficMirrorTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessKeys_UserId",
                table: "AccessKeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountResources_AccountId_Arn",
                table: "AccountResources",
                columns: new[] { "AccountId", "Arn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Email",
                table: "Accounts",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_OuId",
                table: "Accounts",
                column: "OuId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_TimeUtc",
                table: "AuditEvents",
                columns: new[] { "Action", "TimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Actor_TimeUtc",
                table: "AuditEvents",
                columns: new[] { "Actor", "TimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TimeUtc",
                table: "AuditEvents",
                column: "TimeUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogConstraints_PortfolioId",
                table: "CatalogConstraints",
                column: "PortfolioId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceResults_AccountId_Compliance",
                table: "ComplianceResults",
                columns: new[] { "AccountId", "Compliance" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceResults_Compliance_ControlIdentifier",
                table: "ComplianceResults",
                columns: new[] { "Compliance", "ControlIdentifier" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceResults_ResourceId_ControlIdentifier",
                table: "ComplianceResults",
                columns: new[] { "ResourceId", "ControlIdentifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ControlOperations_StartUtc",
                table: "ControlOperations",
                column: "StartUtc");

            migrationBuilder.CreateIndex(
                name: "IX_EnabledControls_OuId_ControlIdentifier",
                table: "EnabledControls",
                columns: new[] { "OuId", "ControlIdentifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GatewayLoadBalancerEndpoints_ServiceLoadBalancerArn",
                table: "GatewayLoadBalancerEndpoints",
                column: "ServiceLoadBalancerArn");

            migrationBuilder.CreateIndex(
                name: "IX_GatewayLoadBalancerEndpoints_SubnetId",
                table: "GatewayLoadBalancerEndpoints",
                column: "SubnetId");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_CreatedUtc",
                table: "IdempotentRequests",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Instances_SubnetId",
                table: "Instances",
                column: "SubnetId");

            migrationBuilder.CreateIndex(
                name: "IX_LoadBalancerAppliances_InstanceId",
                table: "LoadBalancerAppliances",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_LoadBalancerAppliances_LoadBalancerArn_InstanceId",
                table: "LoadBalancerAppliances",
                columns: new[] { "LoadBalancerArn", "InstanceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoadBalancers_VpcId",
                table: "LoadBalancers",
                column: "VpcId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaceIpv6Addresses_NetworkInterfaceId",
                table: "NetworkInterfaceIpv6Addresses",
                column: "NetworkInterfaceId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_InstanceId",
                table: "NetworkInterfaces",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SubnetId_PrivateIpAddress",
                table: "NetworkInterfaces",
                columns: new[] { "SubnetId", "PrivateIpAddress" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationalUnits_ParentId",
                table: "OrganizationalUnits",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationalUnits_ParentKey_Name",
                table: "OrganizationalUnits",
                columns: new[] { "ParentKey", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Policies_Name",
                table: "Policies",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAttachments_TargetId_PolicyId",
                table: "PolicyAttachments",
                columns: new[] { "TargetId", "PolicyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyTestCases_SuiteId",
                table: "PolicyTestCases",
                column: "SuiteId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyTestSuites_Name",
                table: "PolicyTestSuites",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Portfolios_Name",
                table: "Portfolios",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Products_Name",
                table: "Products",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionedProducts_OwnerUserId",
                table: "ProvisionedProducts",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionedProducts_OwnerUserId_ProvisionToken",
                table: "ProvisionedProducts",
                columns: new[] { "OwnerUserId", "ProvisionToken" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionedProducts_ReservedEmail",
                table: "ProvisionedProducts",
                column: "ReservedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningArtifacts_ProductId",
                table: "ProvisioningArtifacts",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningRecords_ProvisionedProductId",
                table: "ProvisioningRecords",
                column: "ProvisionedProductId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningRecords_Status",
                table: "ProvisioningRecords",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RecordSteps_RecordId_Order",
                table: "RecordSteps",
                columns: new[] { "RecordId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SimulationRuns_StartedUtc",
                table: "SimulationRuns",
                column: "StartedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Subnets_Ipv6CidrBlock",
                table: "Subnets",
                column: "Ipv6CidrBlock",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subnets_VpcId",
                table: "Subnets",
                column: "VpcId");

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorFilterRules_FilterId_Direction_RuleNumber",
                table: "TrafficMirrorFilterRules",
                columns: new[] { "FilterId", "Direction", "RuleNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorFilters_AccountId_Region",
                table: "TrafficMirrorFilters",
                columns: new[] { "AccountId", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorSessions_AccountId_Region",
                table: "TrafficMirrorSessions",
                columns: new[] { "AccountId", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorSessions_FilterId",
                table: "TrafficMirrorSessions",
                column: "FilterId");

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorSessions_NetworkInterfaceId_SessionNumber",
                table: "TrafficMirrorSessions",
                columns: new[] { "NetworkInterfaceId", "SessionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorSessions_TargetId",
                table: "TrafficMirrorSessions",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_TrafficMirrorTargets_AccountId_Region",
                table: "TrafficMirrorTargets",
                columns: new[] { "AccountId", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_TransitGatewayAttachments_TransitGatewayId_VpcId",
                table: "TransitGatewayAttachments",
                columns: new[] { "TransitGatewayId", "VpcId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransitGatewayAttachments_VpcId",
                table: "TransitGatewayAttachments",
                column: "VpcId");

            migrationBuilder.CreateIndex(
                name: "IX_VpcPeerings_AccepterVpcId",
                table: "VpcPeerings",
                column: "AccepterVpcId");

            migrationBuilder.CreateIndex(
                name: "IX_VpcPeerings_RequesterVpcId",
                table: "VpcPeerings",
                column: "RequesterVpcId");

            migrationBuilder.CreateIndex(
                name: "IX_Vpcs_AccountId_Region",
                table: "Vpcs",
                columns: new[] { "AccountId", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_Vpcs_Ipv6CidrBlock",
                table: "Vpcs",
                column: "Ipv6CidrBlock",
                unique: true);

            // The audit trail is append-only, whoever writes to the database; and its ids are consecutive (the
            // verifier reads a gap as a deleted event), which a sequence is not: a rolled-back insert would spend a
            // number. So each insert takes the next id under an advisory lock held until its transaction ends.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
                CREATE TRIGGER "AuditEvents_NoChange" BEFORE UPDATE OR DELETE ON "AuditEvents"
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                CREATE TRIGGER "AuditEvents_NoTruncate" BEFORE TRUNCATE ON "AuditEvents"
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
                CREATE FUNCTION audit_events_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(1297350658);
                    NEW."Id" := coalesce((SELECT max("Id") FROM "AuditEvents"), 0) + 1;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "AuditEvents_NextId" BEFORE INSERT ON "AuditEvents"
                    FOR EACH ROW EXECUTE FUNCTION audit_events_next_id();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "AuditEvents_NextId" ON "AuditEvents";
                DROP TRIGGER IF EXISTS "AuditEvents_NoTruncate" ON "AuditEvents";
                DROP TRIGGER IF EXISTS "AuditEvents_NoChange" ON "AuditEvents";
                DROP FUNCTION IF EXISTS audit_events_next_id();
                DROP FUNCTION IF EXISTS audit_events_append_only();
                """);

            migrationBuilder.DropTable(
                name: "AccessKeys");

            migrationBuilder.DropTable(
                name: "Accounts");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "CatalogConstraints");

            migrationBuilder.DropTable(
                name: "ClusterInstances");

            migrationBuilder.DropTable(
                name: "ClusterLeases");

            migrationBuilder.DropTable(
                name: "ComplianceResults");

            migrationBuilder.DropTable(
                name: "ControlOperations");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EnabledControls");

            migrationBuilder.DropTable(
                name: "GatewayLoadBalancerEndpoints");

            migrationBuilder.DropTable(
                name: "IdempotentRequests");

            migrationBuilder.DropTable(
                name: "LandingZones");

            migrationBuilder.DropTable(
                name: "LiveRunSnapshots");

            migrationBuilder.DropTable(
                name: "LoadBalancerAppliances");

            migrationBuilder.DropTable(
                name: "NetworkInterfaceIpv6Addresses");

            migrationBuilder.DropTable(
                name: "OrganizationalUnits");

            migrationBuilder.DropTable(
                name: "OrganizationTags");

            migrationBuilder.DropTable(
                name: "Policies");

            migrationBuilder.DropTable(
                name: "PolicyAttachments");

            migrationBuilder.DropTable(
                name: "PolicyTestCases");

            migrationBuilder.DropTable(
                name: "ProvisionedProducts");

            migrationBuilder.DropTable(
                name: "ProvisioningArtifacts");

            migrationBuilder.DropTable(
                name: "RecordSteps");

            migrationBuilder.DropTable(
                name: "SimulationRuns");

            migrationBuilder.DropTable(
                name: "TrafficMirrorFilterRules");

            migrationBuilder.DropTable(
                name: "TrafficMirrorSessions");

            migrationBuilder.DropTable(
                name: "TransitGatewayAttachments");

            migrationBuilder.DropTable(
                name: "VpcPeerings");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Portfolios");

            migrationBuilder.DropTable(
                name: "AccountResources");

            migrationBuilder.DropTable(
                name: "LoadBalancers");

            migrationBuilder.DropTable(
                name: "PolicyTestSuites");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropTable(
                name: "ProvisioningRecords");

            migrationBuilder.DropTable(
                name: "NetworkInterfaces");

            migrationBuilder.DropTable(
                name: "TrafficMirrorFilters");

            migrationBuilder.DropTable(
                name: "TrafficMirrorTargets");

            migrationBuilder.DropTable(
                name: "Instances");

            migrationBuilder.DropTable(
                name: "Subnets");

            migrationBuilder.DropTable(
                name: "Vpcs");
        }
    }
}
