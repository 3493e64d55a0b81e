using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Identity;

public sealed partial class BootstrapAdministratorTests(GeneratedPasswordPortalFactory factory) : IClassFixture<GeneratedPasswordPortalFactory>
{
    [Fact]
    public async Task WithoutAConfiguredPasswordOneIsGeneratedPrintedOnceAndOnlyItsHashStored()
    {
        using var client = factory.CreateClient();

        var lines = factory.Logs.Where(l => l.Contains("Bootstrap administrator created")).ToList();
        var password = PrintedPassword().Match(Assert.Single(lines)).Groups[1].Value;
        var login = await ApiClient.LoginAsync(client, PortalFactory.AdminEmail, password);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var admin = await db.Users.SingleAsync(u => u.Email == PortalFactory.AdminEmail);

        Assert.True(password.Length >= 20);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.NotEqual(password, admin.PasswordHash);
        Assert.DoesNotContain(password, await EveryUserColumnAsync());
        if (!TestDatabase.OnPostgreSql)
        {
            Assert.DoesNotContain(password, await File.ReadAllTextAsync(factory.DatabaseFile));
        }
    }

    // Every column of every user row as text, read outside the portal (SQLite file or PostgreSQL database alike).
    private async Task<string> EveryUserColumnAsync()
    {
        await using var connection = await factory.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"AspNetUsers\"";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.GetValue(i)).Append('|');
            }
        }
        Assert.Contains(PortalFactory.AdminEmail, text.ToString());
        return text.ToString();
    }

    [GeneratedRegex("with the password (\\S+) ;")]
    private static partial Regex PrintedPassword();
}
