using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkAndTrafficMirroring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorFilters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    AmazonDns = table.Column<bool>(type: "INTEGER", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficMirrorFilters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorTargets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", nullable: true),
                    NetworkLoadBalancerArn = table.Column<string>(type: "TEXT", nullable: true),
                    GatewayLoadBalancerEndpointId = table.Column<string>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficMirrorTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vpcs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", nullable: false),
                    CidrBlock = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vpcs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficMirrorFilterRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    FilterId = table.Column<string>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", nullable: false),
                    RuleNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    Protocol = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceCidrBlock = table.Column<string>(type: "TEXT", nullable: false),
                    DestinationCidrBlock = table.Column<string>(type: "TEXT", nullable: false),
                    SourceFromPort = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceToPort = table.Column<int>(type: "INTEGER", nullable: true),
                    DestinationFromPort = table.Column<int>(type: "INTEGER", nullable: true),
                    DestinationToPort = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: false)
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
                    Arn = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    PrivateIpAddress = table.Column<string>(type: "TEXT", nullable: false),
                    Listeners = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", nullable: false),
                    AvailabilityZone = table.Column<string>(type: "TEXT", nullable: false),
                    CidrBlock = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    TransitGatewayId = table.Column<string>(type: "TEXT", nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterVpcId = table.Column<string>(type: "TEXT", nullable: false),
                    AccepterVpcId = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", nullable: false),
                    SubnetId = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceLoadBalancerArn = table.Column<string>(type: "TEXT", nullable: false),
                    PrivateIpAddress = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GatewayLoadBalancerEndpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GatewayLoadBalancerEndpoints_LoadBalancers_ServiceLoadBalancerArn",
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    SubnetId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceType = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LoadBalancerArn = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    Healthy = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    SubnetId = table.Column<string>(type: "TEXT", nullable: false),
                    PrivateIpAddress = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: true),
                    DeviceIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "TrafficMirrorSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", nullable: false),
                    FilterId = table.Column<string>(type: "TEXT", nullable: false),
                    SessionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    PacketLength = table.Column<int>(type: "INTEGER", nullable: true),
                    VirtualNetworkId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "IX_GatewayLoadBalancerEndpoints_ServiceLoadBalancerArn",
                table: "GatewayLoadBalancerEndpoints",
                column: "ServiceLoadBalancerArn");

            migrationBuilder.CreateIndex(
                name: "IX_GatewayLoadBalancerEndpoints_SubnetId",
                table: "GatewayLoadBalancerEndpoints",
                column: "SubnetId");

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
                name: "IX_NetworkInterfaces_InstanceId",
                table: "NetworkInterfaces",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SubnetId",
                table: "NetworkInterfaces",
                column: "SubnetId");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessKeys");

            migrationBuilder.DropTable(
                name: "GatewayLoadBalancerEndpoints");

            migrationBuilder.DropTable(
                name: "LoadBalancerAppliances");

            migrationBuilder.DropTable(
                name: "TrafficMirrorFilterRules");

            migrationBuilder.DropTable(
                name: "TrafficMirrorSessions");

            migrationBuilder.DropTable(
                name: "TransitGatewayAttachments");

            migrationBuilder.DropTable(
                name: "VpcPeerings");

            migrationBuilder.DropTable(
                name: "LoadBalancers");

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
