namespace MirrorTower.Engine;

/// <summary>
/// Identifiers shaped like AWS's: 12-digit account ids, <c>r-xxxx</c> roots, <c>ou-xxxx-xxxxxxxx</c>
/// organizational units and <c>prefix-</c> plus 17 hex digits for EC2-style resources. Generated from an
/// injected <see cref="Random"/> so that seeded runs repeat.
/// </summary>
public sealed class AwsIdentifiers(Random random)
{
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    public string AccountId() => random.NextInt64(100_000_000_000, 1_000_000_000_000).ToString("D12");

    public string RootId() => "r-" + Pick(LowerAlphanumeric, 4);

    /// <summary>An OU id under the given root: the root's four characters, then eight more.</summary>
    public string OrganizationalUnitId(string rootId)
    {
        if (!IsRootId(rootId))
        {
            throw new ArgumentException($"'{rootId}' is not a root id (r- and 4 lowercase letters or digits).", nameof(rootId));
        }
        return $"ou-{rootId[2..]}-{Pick(LowerAlphanumeric, 8)}";
    }

    /// <summary>An EC2-style id such as <c>tmf-0293f26e86a1b2c3d</c>.</summary>
    public string ResourceId(string prefix) => $"{prefix}-{Pick(Hex, 17)}";

    /// <summary>A Service Catalog id such as <c>prod-abcdefghij123</c>: the prefix and 13 lowercase letters or digits.</summary>
    public string CatalogId(string prefix) => $"{prefix}-{Pick(LowerAlphanumeric, 13)}";

    /// <summary>A random 24-bit VXLAN network identifier (1 to 16,777,215; 0 is avoided as it reads as "none").</summary>
    public int VirtualNetworkId() => random.Next(1, 1 << 24);

    public static bool IsAccountId(string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);

    public static bool IsRootId(string? value) =>
        value is { Length: 6 } && value.StartsWith("r-", StringComparison.Ordinal) && value[2..].All(IsLowerAlphanumeric);

    public static bool IsOrganizationalUnitId(string? value) =>
        value is { Length: 16 } && value.StartsWith("ou-", StringComparison.Ordinal) && value[7] == '-'
        && value[3..7].All(IsLowerAlphanumeric) && value[8..].All(IsLowerAlphanumeric);

    public static bool IsResourceId(string? value, string prefix) =>
        value is not null && value.Length == prefix.Length + 18
        && value.StartsWith(prefix + "-", StringComparison.Ordinal)
        && value[(prefix.Length + 1)..].All(c => Hex.Contains(c));

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private string Pick(string alphabet, int count) =>
        string.Create(count, (alphabet, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}
