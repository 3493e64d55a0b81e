using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConstraintBackedInvariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Products",
                type: "TEXT",
                nullable: false,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Portfolios",
                type: "TEXT",
                nullable: false,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "OrganizationalUnits",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128);

            migrationBuilder.AddColumn<string>(
                name: "ParentKey",
                table: "OrganizationalUnits",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "coalesce(\"ParentId\", '')",
                stored: false);

            // A database written before these constraints may hold duplicates that parallel requests let through:
            // keep the oldest name and make the others unique by their id, so the indexes can be created.
            foreach (var (table, key) in new[] { ("OrganizationalUnits", "coalesce(ParentId, '')"), ("Portfolios", "''"), ("Products", "''") })
            {
                migrationBuilder.Sql($"UPDATE {table} SET Name = substr(Name, 1, 100) || ' (' || Id || ')' WHERE rowid NOT IN (SELECT min(rowid) FROM {table} GROUP BY {key}, Name COLLATE NOCASE);");
            }

            migrationBuilder.CreateIndex(
                name: "IX_Products_Name",
                table: "Products",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Portfolios_Name",
                table: "Portfolios",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationalUnits_ParentKey_Name",
                table: "OrganizationalUnits",
                columns: new[] { "ParentKey", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_Name",
                table: "Products");

            migrationBuilder.DropIndex(
                name: "IX_Portfolios_Name",
                table: "Portfolios");

            migrationBuilder.DropIndex(
                name: "IX_OrganizationalUnits_ParentKey_Name",
                table: "OrganizationalUnits");

            migrationBuilder.DropColumn(
                name: "ParentKey",
                table: "OrganizationalUnits");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Products",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldCollation: "NOCASE");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Portfolios",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldCollation: "NOCASE");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "OrganizationalUnits",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128,
                oldCollation: "NOCASE");
        }
    }
}
