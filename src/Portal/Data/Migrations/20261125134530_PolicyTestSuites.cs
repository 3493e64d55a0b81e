using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyTestSuites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TestReport",
                table: "ControlOperations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PolicyTestSuites",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    ScopeOuId = table.Column<string>(type: "TEXT", nullable: true),
                    Enforcement = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyTestSuites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PolicyTestCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuiteId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: true),
                    RequestJson = table.Column<string>(type: "TEXT", nullable: false),
                    Expected = table.Column<string>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_PolicyTestCases_SuiteId",
                table: "PolicyTestCases",
                column: "SuiteId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyTestSuites_Name",
                table: "PolicyTestSuites",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PolicyTestCases");

            migrationBuilder.DropTable(
                name: "PolicyTestSuites");

            migrationBuilder.DropColumn(
                name: "TestReport",
                table: "ControlOperations");
        }
    }
}
