using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>
/// The audit trail is tamper-evident: rows edited, deleted or inserted straight in the database (the append-only
/// triggers dropped first, as an attacker with the file or the server would) are each found by the verification, at the right event.
/// </summary>
public sealed class AuditIntegrityTests
{
    private static async Task<(PortalFactory Portal, HttpClient Admin)> PortalWithEventsAsync()
    {
        var portal = new PortalFactory();
        var admin = await ApiClient.AdminAsync(portal);
        for (var i = 0; i < 5; i++)
        {
            await admin.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody-{i}@tests.example", password = "Wrong-Password-1" });
        }
        return (portal, admin);
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin) => await (await admin.GetAsync("/api/v1/audit-events/verification")).JsonAsync();

    private static async Task SqlAsync(PortalFactory portal, string sql)
    {
        await using var connection = await portal.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (TestDatabase.OnPostgreSql
            ? """DROP TRIGGER IF EXISTS "AuditEvents_NoChange" ON "AuditEvents"; DROP TRIGGER IF EXISTS "AuditEvents_NoTruncate" ON "AuditEvents"; """
            : "DROP TRIGGER IF EXISTS AuditEvents_NoUpdate; DROP TRIGGER IF EXISTS AuditEvents_NoDelete; ") + sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> LastIdAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/api/v1/audit-events?sort=time&descending=true&pageSize=1")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();

    [Fact]
    public async Task AnUntouchedTrailIsIntact()
    {
        var (portal, admin) = await PortalWithEventsAsync();
        using (portal)
        using (admin)
        {
            var check = await VerifyAsync(admin);

            Assert.True(check.GetProperty("intact").GetBoolean(), check.GetProperty("message").GetString());
            Assert.True(check.GetProperty("events").GetInt64() >= 6);
        }
    }

    [Theory]
    [InlineData("edit", "does not match its seal")]
    [InlineData("delete", "is missing: it was deleted")]
    [InlineData("insert", "has no seal")]
    [InlineData("forge", "does not match its seal")]
    [InlineData("truncate", "events were deleted from its end")]
    public async Task TamperingInTheDatabaseFileIsFoundAtTheEventItTouched(string tampering, string finding)
    {
        var (portal, admin) = await PortalWithEventsAsync();
        using (portal)
        using (admin)
        {
            Assert.True((await VerifyAsync(admin)).GetProperty("intact").GetBoolean()); // also writes a digest
            var last = await LastIdAsync(admin);
            var victim = last - 2;

            await SqlAsync(portal, tampering switch
            {
                "edit" => $"""UPDATE "AuditEvents" SET "Outcome" = 'Succeeded' WHERE "Id" = {victim};""",
                "delete" => $"""DELETE FROM "AuditEvents" WHERE "Id" = {victim};""",
                "insert" => """INSERT INTO "AuditEvents" ("TimeUtc", "Actor", "Action", "Target", "Outcome", "Source") VALUES ('2026-01-01 00:00:00', 'ghost', 'iam:CreateUser', 'ghost', 'Succeeded', 'UI');""",
                "forge" => """INSERT INTO "AuditEvents" ("TimeUtc", "Actor", "Action", "Target", "Outcome", "Source", "Seal") SELECT '2026-01-01 00:00:00', 'ghost', 'iam:CreateUser', 'ghost', 'Succeeded', 'UI', "Seal" FROM "AuditEvents" ORDER BY "Id" DESC LIMIT 1;""",
                _ => $"""DELETE FROM "AuditEvents" WHERE "Id" >= {last - 1};""",
            });
            var check = await VerifyAsync(admin);

            Assert.False(check.GetProperty("intact").GetBoolean());
            Assert.Contains(finding, check.GetProperty("message").GetString(), StringComparison.Ordinal);
            if (tampering is "edit" or "delete")
            {
                Assert.Equal(victim, check.GetProperty("firstBrokenEventId").GetInt64());
            }
        }
    }
}
