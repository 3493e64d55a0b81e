using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MirrorTower.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResourceControlPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "Policies",
                type: "TEXT",
                nullable: false,
                defaultValue: "ServiceControlPolicy");

            // An organization set up before RCPs gets what AWS gives when RCPs are enabled: RCPFullAWSAccess on the root,
            // every OU and every account.
            migrationBuilder.Sql("""
                INSERT INTO Policies (Id, Name, Description, Document, Kind, Type, UpdatedUtc)
                SELECT 'p-RCPFullAWSAccess', 'RCPFullAWSAccess',
                       'Allows every principal and action to pass RCP evaluation (AWS managed; cannot be detached).',
                       '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
                       'AwsManaged', 'ResourceControlPolicy', CreatedUtc
                FROM LandingZones WHERE NOT EXISTS (SELECT 1 FROM Policies WHERE Id = 'p-RCPFullAWSAccess') LIMIT 1;
                INSERT INTO PolicyAttachments (PolicyId, TargetId)
                SELECT 'p-RCPFullAWSAccess', TargetId FROM (
                    SELECT RootId AS TargetId FROM LandingZones
                    UNION SELECT Id FROM OrganizationalUnits WHERE DeletedOutOfBand = 0
                    UNION SELECT Id FROM Accounts)
                WHERE EXISTS (SELECT 1 FROM Policies WHERE Id = 'p-RCPFullAWSAccess');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DELETE FROM PolicyAttachments WHERE PolicyId IN (SELECT Id FROM Policies WHERE Type = 'ResourceControlPolicy');
                DELETE FROM Policies WHERE Type = 'ResourceControlPolicy';
                """);
            migrationBuilder.DropColumn(
                name: "Type",
                table: "Policies");
        }
    }
}
