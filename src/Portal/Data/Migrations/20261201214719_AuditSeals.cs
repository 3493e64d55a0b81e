using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditSeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "AuditEvents",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Seal",
                table: "AuditEvents");
        }
    }
}
