using System.Net;

namespace MirrorTower.Portal.Components.Shared;

/// <summary>
/// MudChart (9.x) writes its axis labels into the SVG as markup, unescaped (its series names it escapes): every label
/// that can hold a user's text goes through here, or a name such as <c>&lt;img onerror=…&gt;</c> runs as script.
/// </summary>
public static class ChartText
{
    public static string[] Labels(IEnumerable<string> labels) => labels.Select(label => WebUtility.HtmlEncode(label) ?? "").ToArray();
}
