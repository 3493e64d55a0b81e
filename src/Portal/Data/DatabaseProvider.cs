namespace MirrorTower.Portal.Data;

/// <summary>The database MirrorTower keeps its state in, from <c>MirrorTower:Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the data folder: one instance, no server to run (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: the database several instances share (issue #20, ADR 0018).</summary>
    PostgreSql,
}

public static class DatabaseProviders
{
    public const string ConfigurationKey = "MirrorTower:Database:Provider";

    /// <summary>The configured provider; an unknown name stops the start with the names that are allowed.</summary>
    public static DatabaseProvider Configured(IConfiguration configuration) => configuration[ConfigurationKey] switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) => provider,
        var name => throw new InvalidOperationException(
            $"{ConfigurationKey} is '{name}': it must be {string.Join(" or ", Enum.GetNames<DatabaseProvider>())}."),
    };
}
