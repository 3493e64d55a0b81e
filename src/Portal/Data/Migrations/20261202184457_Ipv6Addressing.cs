using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Ipv6Addressing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NetworkInterfaces_SubnetId",
                table: "NetworkInterfaces");

            migrationBuilder.AddColumn<string>(
                name: "Ipv6CidrBlock",
                table: "Vpcs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ipv6CidrBlock",
                table: "Subnets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NetworkInterfaceIpv6Addresses",
                columns: table => new
                {
                    Address = table.Column<string>(type: "TEXT", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaceIpv6Addresses", x => x.Address);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaceIpv6Addresses_NetworkInterfaces_NetworkInterfaceId",
                        column: x => x.NetworkInterfaceId,
                        principalTable: "NetworkInterfaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Vpcs_Ipv6CidrBlock",
                table: "Vpcs",
                column: "Ipv6CidrBlock",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subnets_Ipv6CidrBlock",
                table: "Subnets",
                column: "Ipv6CidrBlock",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SubnetId_PrivateIpAddress",
                table: "NetworkInterfaces",
                columns: new[] { "SubnetId", "PrivateIpAddress" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaceIpv6Addresses_NetworkInterfaceId",
                table: "NetworkInterfaceIpv6Addresses",
                column: "NetworkInterfaceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NetworkInterfaceIpv6Addresses");

            migrationBuilder.DropIndex(
                name: "IX_Vpcs_Ipv6CidrBlock",
                table: "Vpcs");

            migrationBuilder.DropIndex(
                name: "IX_Subnets_Ipv6CidrBlock",
                table: "Subnets");

            migrationBuilder.DropIndex(
                name: "IX_NetworkInterfaces_SubnetId_PrivateIpAddress",
                table: "NetworkInterfaces");

            migrationBuilder.DropColumn(
                name: "Ipv6CidrBlock",
                table: "Vpcs");

            migrationBuilder.DropColumn(
                name: "Ipv6CidrBlock",
                table: "Subnets");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SubnetId",
                table: "NetworkInterfaces",
                column: "SubnetId");
        }
    }
}
