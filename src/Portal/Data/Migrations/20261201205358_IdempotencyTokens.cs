using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LaunchFingerprint",
                table: "ProvisionedProducts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvisionToken",
                table: "ProvisionedProducts",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IdempotentRequests",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ParametersHash = table.Column<string>(type: "TEXT", nullable: false),
                    ResponseXml = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotentRequests", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionedProducts_OwnerUserId_ProvisionToken",
                table: "ProvisionedProducts",
                columns: new[] { "OwnerUserId", "ProvisionToken" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_CreatedUtc",
                table: "IdempotentRequests",
                column: "CreatedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdempotentRequests");

            migrationBuilder.DropIndex(
                name: "IX_ProvisionedProducts_OwnerUserId_ProvisionToken",
                table: "ProvisionedProducts");

            migrationBuilder.DropColumn(
                name: "LaunchFingerprint",
                table: "ProvisionedProducts");

            migrationBuilder.DropColumn(
                name: "ProvisionToken",
                table: "ProvisionedProducts");
        }
    }
}
