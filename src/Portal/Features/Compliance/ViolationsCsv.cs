using System.Text;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>The violations list as RFC 4180 CSV, for spreadsheets and tickets.</summary>
public static class ViolationsCsv
{
    private static readonly string[] Header = ["Account", "AccountId", "OU", "Control", "ControlName", "Region", "Resource", "ResourceType", "Service", "Annotation", "EvaluatedUtc"];

    public static string Write(IEnumerable<Violation> violations)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", Header));
        foreach (var v in violations)
        {
            csv.AppendLine(string.Join(",", new[]
            {
                v.AccountName, v.AccountId, v.OuName ?? "", v.ControlIdentifier, v.ControlName, v.Region, v.Resource, v.ResourceType, v.Service,
                v.Annotation, v.EvaluatedUtc.ToString("u"),
            }.Select(Escape)));
        }
        return csv.ToString();
    }

    private static string Escape(string value)
    {
        // A cell that starts like a formula (=, +, -, @, or a tab or carriage return before one) would run in a
        // spreadsheet: a leading apostrophe keeps it text (OWASP's CSV injection advice).
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
