using MirrorTower.Portal.Features.ApiReference;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>The API reference grouped by area and searchable (issue #19, finding 10: about 120 flat rows).</summary>
public sealed class ApiReferencePageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task EndpointsAreGroupedByTheirTagAndSearchNarrowsThem()
    {
        SignInAs(PortalRoles.Member);
        RenderProviders();

        var page = Render<ApiReferencePage>();
        var groups = page.FindAll("[data-testid=api-group]").Select(g => g.TextContent.Trim()).ToList();
        Assert.Contains(groups, g => g.StartsWith("Landing zone", StringComparison.Ordinal));
        Assert.True(groups.Count >= 8, string.Join(" | ", groups));

        await page.InvokeAsync(() => page.Find("input[data-testid=api-search]").Input("stacks"));

        page.WaitForAssertion(() =>
        {
            var paths = page.FindAll("[data-testid=api-endpoints] tbody code").Select(c => c.TextContent).ToList();
            Assert.NotEmpty(paths);
            Assert.All(paths, path => Assert.Contains("stacks", path, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Contains("endpoints, by area", page.Find("[data-testid=api-count]").TextContent);
    }
}
