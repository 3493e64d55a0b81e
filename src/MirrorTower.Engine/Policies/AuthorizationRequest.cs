namespace MirrorTower.Engine.Policies;

/// <summary>
/// One request to decide: who (principal ARN), what (<c>service:Operation</c>), on which resource ARN,
/// in which Region, when, from where, with which context keys. <c>aws:PrincipalArn</c>, <c>aws:RequestedRegion</c>,
/// <c>aws:CurrentTime</c>, <c>aws:EpochTime</c> and <c>aws:SourceIp</c> are filled from the request unless the context
/// gives them. Key names compare case-insensitively.
/// </summary>
public sealed class AuthorizationRequest
{
    public const string PrincipalArnKey = "aws:PrincipalArn";
    public const string RequestedRegionKey = "aws:RequestedRegion";
    public const string CurrentTimeKey = "aws:CurrentTime";
    public const string EpochTimeKey = "aws:EpochTime";
    public const string SourceIpKey = "aws:SourceIp";

    private readonly Dictionary<string, string[]> _context;

    // The context's values by interned key id; a key interned after this request was made cannot be in it.
    private readonly string[]?[] _valuesByKeyId;

    public AuthorizationRequest(
        string principalArn,
        string action,
        string resource = "*",
        string? region = null,
        IEnumerable<KeyValuePair<string, string[]>>? context = null,
        DateTimeOffset? time = null,
        string? sourceIp = null)
    {
        PrincipalArn = principalArn;
        Action = action;
        Resource = resource;
        Region = region;
        _context = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in context ?? [])
        {
            _context[key] = values;
        }
        _context.TryAdd(PrincipalArnKey, [principalArn]);
        if (region is not null)
        {
            _context.TryAdd(RequestedRegionKey, [region]);
        }
        if (time is { } at)
        {
            _context.TryAdd(CurrentTimeKey, [at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)]);
            _context.TryAdd(EpochTimeKey, [at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (sourceIp is not null)
        {
            _context.TryAdd(SourceIpKey, [sourceIp]);
        }
        var ids = _context.Keys.Select(key => (Id: ConditionKeys.IdOf(key), Key: key)).ToList();
        _valuesByKeyId = new string[]?[ids.Max(i => i.Id) + 1];
        foreach (var (id, key) in ids)
        {
            _valuesByKeyId[id] = _context[key];
        }
    }

    public string PrincipalArn { get; }
    public string Action { get; }
    public string Resource { get; }
    public string? Region { get; }

    public IReadOnlyDictionary<string, string[]> Context => _context;

    /// <summary>The same request with keys it does not give filled from <paramref name="defaults"/>: what the request says wins.</summary>
    public AuthorizationRequest WithDefaults(IEnumerable<KeyValuePair<string, string[]>> defaults)
    {
        var context = new Dictionary<string, string[]>(_context, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in defaults)
        {
            context.TryAdd(key, values);
        }
        return new AuthorizationRequest(PrincipalArn, Action, Resource, Region, context);
    }

    /// <summary>The values of a key; false when the key is absent from the request.</summary>
    public bool TryGetValues(string key, out string[] values) => _context.TryGetValue(key, out values!);

    internal bool TryGetValues(int keyId, out string[] values)
    {
        values = keyId < _valuesByKeyId.Length ? _valuesByKeyId[keyId]! : null!;
        return values is not null;
    }
}
