using System.Text.Json;

namespace MirrorTower.Portal.Features.Workbench;

/// <summary>A suite as JSON, for import, export and the API.</summary>
public sealed class SuiteDocument
{
    public string? Name { get; set; }

    /// <summary>The OU whose accounts the suite covers; absent or null: the whole organization.</summary>
    public string? Scope { get; set; }

    /// <summary>Confirm (the default) or Refuse.</summary>
    public string? Enforcement { get; set; }

    public List<CaseDocument>? Cases { get; set; }
}

public sealed class CaseDocument
{
    public string? Name { get; set; }
    public string? AccountId { get; set; }
    public JsonElement? Request { get; set; }

    /// <summary>Allowed, Denied, ExplicitDeny or ImplicitDeny.</summary>
    public string? Expected { get; set; }
}

public sealed record SuiteView(string Id, string Name, string? Scope, string? ScopeName, SuiteEnforcement Enforcement, int Cases);
