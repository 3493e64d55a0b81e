using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// The real portal on a real SQLite file in its own temporary data folder, served in memory. Every
/// test class gets its own database through <c>IClassFixture</c>.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@tests.example";
    public const string AdminPassword = "Admin-Password-1";

    public PortalFactory()
        : this(Path.Combine(Path.GetTempPath(), "mirrortower-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>A portal on a data folder of its own choosing: two factories on one folder are two instances on one database.</summary>
    protected PortalFactory(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    /// <summary>Whether disposing deletes the data folder; not while another instance may still use it.</summary>
    protected virtual bool OwnsDataDirectory => true;

    /// <summary>Every log line the portal wrote, to check what it prints.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected virtual string? ConfiguredAdminPassword => AdminPassword;

    /// <summary>Tests sign in many times a minute from one address; the throttle's own tests lower this.</summary>
    protected virtual int SignInsPerMinute => 100_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("MirrorTower:DataDirectory", DataDirectory);
        if (TestDatabase.OnPostgreSql)
        {
            builder.UseSetting("MirrorTower:Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:MirrorTower", TestDatabase.PostgreSqlFor(DataDirectory));
        }
        builder.UseSetting("MirrorTower:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("MirrorTower:Bootstrap:AdminPassword", ConfiguredAdminPassword ?? "");
        builder.UseSetting("MirrorTower:Controls:OperationDelayMilliseconds", "20");
        builder.UseSetting("MirrorTower:AccountFactory:StepDelayMilliseconds", "20");
        builder.UseSetting("MirrorTower:AccountFactory:PollMilliseconds", "100");
        builder.UseSetting("MirrorTower:Identity:SignInsPerMinutePerClient", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MirrorTower:Identity:SignInsPerMinutePerAccount", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(new QueueLoggerProvider(Logs))));
    }

    public string DatabaseFile => Path.Combine(DataDirectory, "mirrortower.db");

    /// <summary>A connection to this portal's database (SQLite file or PostgreSQL database) from outside the portal.</summary>
    public async Task<System.Data.Common.DbConnection> OpenDatabaseAsync()
    {
        var connection = TestDatabase.Open(DataDirectory, DatabaseFile);
        await connection.OpenAsync();
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (disposing && OwnsDataDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        if (disposing && OwnsDataDirectory && TestDatabase.OnPostgreSql)
        {
            TestDatabase.Drop(DataDirectory);
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(logs);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue(formatter(state, exception));
        }
    }
}

/// <summary>A portal on a given data folder (not a fixture: tests make two of them on one folder).</summary>
public sealed class FolderPortalFactory(string dataDirectory, int signInsPerMinute = 100_000) : PortalFactory(dataDirectory)
{
    protected override bool OwnsDataDirectory => false;

    protected override int SignInsPerMinute => signInsPerMinute;
}

/// <summary>A portal whose sign-in throttle allows three attempts a minute.</summary>
public sealed class ThrottledPortalFactory : PortalFactory
{
    protected override int SignInsPerMinute => 3;
}

/// <summary>A portal started with no configured administrator password, so that it generates one.</summary>
public sealed class GeneratedPasswordPortalFactory : PortalFactory
{
    protected override string? ConfiguredAdminPassword => null;
}
