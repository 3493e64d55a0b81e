using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountFactoryBlueprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Template",
                table: "ProvisioningArtifacts",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Template",
                table: "ProvisioningArtifacts");
        }
    }
}
