using System.Globalization;

namespace MirrorTower.Portal.Features.Mirroring.Pages;

/// <summary>The rule editor's port field: "443" or "1024-65535"; empty for none. Anything else is left for the server to refuse.</summary>
public static class PortRangeText
{
    public static PortRangeInput? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        int? Number(string part) => int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
        return parts.Length == 1 ? new PortRangeInput(Number(parts[0]), Number(parts[0])) : new PortRangeInput(Number(parts[0]), Number(parts[1]));
    }

    public static string Format(int? from, int? to) => from is null ? "" : from == to ? $"{from}" : $"{from}-{to}";
}
