using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountFactoryAggregate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TargetOuId",
                table: "ProvisioningRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Taint",
                table: "ProvisionedProducts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetOuId",
                table: "ProvisionedProducts",
                type: "TEXT",
                nullable: true);

            // Until now the OU was only in the ManagedOrganizationalUnit parameter, as "Name (ou-xxxx-xxxxxxxx)", and a
            // product tainted by a change outside Account Factory was told apart by its message's prefix.
            foreach (var table in new[] { "ProvisioningRecords", "ProvisionedProducts" })
            {
                migrationBuilder.Sql($"""
                    UPDATE "{table}" SET "TargetOuId" = substr(json_extract("Parameters", '$.ManagedOrganizationalUnit'),
                        length(json_extract("Parameters", '$.ManagedOrganizationalUnit')) - 16, 16)
                    WHERE json_extract("Parameters", '$.ManagedOrganizationalUnit') LIKE '%(ou-%)';
                    """);
            }
            migrationBuilder.Sql("""
                UPDATE "ProvisionedProducts" SET "Taint" = CASE WHEN "StatusMessage" LIKE 'No longer matches: %' THEN 'AccountChangedOutside' ELSE 'FailedUpdate' END
                WHERE "Status" = 'TAINTED';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TargetOuId",
                table: "ProvisioningRecords");

            migrationBuilder.DropColumn(
                name: "Taint",
                table: "ProvisionedProducts");

            migrationBuilder.DropColumn(
                name: "TargetOuId",
                table: "ProvisionedProducts");
        }
    }
}
