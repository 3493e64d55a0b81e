namespace MirrorTower.Portal.Common;

/// <summary>
/// A number a feature shows beside its link in the navigation (the launches waiting for approval), so that work waiting
/// for someone is visible from every page. The layout knows no feature; features register one of these per link.
/// </summary>
public interface INavigationCount
{
    /// <summary>The link it counts for, as the navigation writes it.</summary>
    string Href { get; }

    /// <summary>The area whose changes can change the count.</summary>
    ChangeArea Area { get; }

    Task<int> CountAsync();

    /// <summary>The count in words, for screen readers and the tooltip.</summary>
    string Describe(int count);
}
