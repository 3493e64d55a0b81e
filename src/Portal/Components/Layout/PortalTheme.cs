using MudBlazor;

namespace MirrorTower.Portal.Components.Layout;

internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#e07a1f",
            AppbarBackground = "#16324f",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5fa8d3",
            Secondary = "#f4a259",
        },
    };
}
