namespace MirrorTower.Portal.Common;

/// <summary>
/// Validation messages keyed by the field they concern, in the camelCase the API uses, so that the same
/// messages reach a form field and a problem-details body.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The fields that have a message.</summary>
    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>The messages of the fields <paramref name="keep"/> picks (a form step shows its own fields' only).</summary>
    public FieldErrors Where(Func<string, bool> keep)
    {
        var kept = new FieldErrors();
        foreach (var (field, messages) in _errors.Where(e => keep(e.Key)))
        {
            kept._errors[field] = [.. messages];
        }
        return kept;
    }

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
        return this;
    }

    /// <summary>
    /// Names and descriptions are shown to people and written to logs, CSV and XML: control characters (NUL, ESC,
    /// line breaks) and the bidirectional overrides that make text read otherwise than it is (U+202A–U+202E,
    /// U+2066–U+2069) are refused, with the field and the character's code point named.
    /// </summary>
    public FieldErrors CheckText(string field, string? value)
    {
        foreach (var c in value ?? "")
        {
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return Add(field, $"The {field} may not contain control or text-direction characters (found U+{(int)c:X4}).");
            }
        }
        return this;
    }

    public IReadOnlyList<string> For(string field) =>
        _errors.TryGetValue(field, out var messages) ? messages : [];

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>One line per message, "field: message", for audit reasons and snackbars.</summary>
    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}
