using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComplianceResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComplianceResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceId = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    ControlIdentifier = table.Column<string>(type: "TEXT", nullable: false),
                    Compliance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Annotation = table.Column<string>(type: "TEXT", nullable: false),
                    EvaluatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplianceResults");
        }
    }
}
