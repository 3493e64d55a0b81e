using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

public sealed class AuditApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task UserCreationAndSignInsAreRecordedWithActorAndOutcome()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        await admin.PostAsJsonAsync("/api/v1/users", new { email = "audited@tests.example", password = "Audited-Password-1", role = "Member" });
        await ApiClient.LoginAsync(factory.CreateClient(), "audited@tests.example", "wrong");

        var created = await (await admin.GetAsync("/api/v1/audit-events?action=iam:CreateUser&user=admin@")).JsonAsync();
        var failedSignIn = await (await admin.GetAsync("/api/v1/audit-events?action=signin:ConsoleLogin&outcome=Failed&user=audited")).JsonAsync();

        var creation = Assert.Single(created.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == "audited@tests.example");
        Assert.Equal("Succeeded", creation.GetProperty("outcome").GetString());
        Assert.Equal("API", creation.GetProperty("source").GetString());
        var failure = Assert.Single(failedSignIn.GetProperty("items").EnumerateArray());
        Assert.Equal("Wrong password.", failure.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PagingAndSortingAreDoneByTheServer()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        for (var i = 0; i < 3; i++)
        {
            await ApiClient.LoginAsync(factory.CreateClient(), $"nobody{i}@tests.example", "x");
        }

        var firstPage = await (await admin.GetAsync("/api/v1/audit-events?pageSize=2&page=1&sort=actor&descending=false")).JsonAsync();
        var secondPage = await (await admin.GetAsync("/api/v1/audit-events?pageSize=2&page=2&sort=actor&descending=false")).JsonAsync();

        var actors = firstPage.GetProperty("items").EnumerateArray().Concat(secondPage.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("actor").GetString()!).ToList();
        Assert.Equal(2, firstPage.GetProperty("items").GetArrayLength());
        Assert.True(firstPage.GetProperty("total").GetInt32() >= 4);
        Assert.Equal(actors.Order(StringComparer.Ordinal), actors);
    }

    [Theory]
    [InlineData("outcome=Maybe", "outcome")]
    [InlineData("sort=colour", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    public async Task BadFiltersAreRefusedNamingTheField(string query, string field)
    {
        using var admin = await ApiClient.AdminAsync(factory);

        var response = await admin.GetAsync($"/api/v1/audit-events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AnAuditorReadsTheTrailButAMemberDoesNot()
    {
        using var auditor = await ApiClient.NewUserAsync(factory, "Auditor");
        using var member = await ApiClient.NewUserAsync(factory, "Member");

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/audit-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/audit-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task TheTrailIsAppendOnlyEvenForRawSql()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Outcome" = 'Succeeded'"""));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" """));
        var entity = await db.AuditEvents.FirstAsync();
        db.Remove(entity);

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
