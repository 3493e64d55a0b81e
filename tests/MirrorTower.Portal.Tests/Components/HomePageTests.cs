using MirrorTower.Portal.Features.Home;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>Home's first steps follow the role and whether the landing zone is set up.</summary>
public sealed class HomePageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task FirstStepsFollowTheLandingZoneAndTheRole()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var fresh = Render<Home>();
        fresh.WaitForAssertion(() => Assert.Contains("Start here", fresh.Find("[data-testid=first-steps]").TextContent));
        var freshLinks = fresh.Find("[data-testid=first-steps]").QuerySelectorAll("a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();

        await LoadDemoAsync();
        var governed = Render<Home>();
        governed.WaitForAssertion(() => Assert.Contains("What you can do next", governed.Find("[data-testid=first-steps]").TextContent));
        var governedLinks = governed.Find("[data-testid=first-steps]").QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ToList();

        SignInAs(PortalRoles.Member);
        var member = Render<Home>();
        member.WaitForAssertion(() => Assert.Contains("Request an account", member.Find("[data-testid=first-steps]").TextContent));
        var memberLinks = member.Find("[data-testid=first-steps]").QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ToList();

        Assert.Contains(("Set up the landing zone", "/landing-zone"), freshLinks);
        Assert.Contains("Enable a control", governedLinks);
        Assert.DoesNotContain("Set up the landing zone", governedLinks);
        Assert.Equal(["Request an account", "Design mirroring"], memberLinks);
    }
}
