using MirrorTower.Portal.Components.Layout;
using MirrorTower.Portal.Features.Home;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class NavigationTests(PortalFactory factory) : ComponentTest(factory)
{
    [Theory]
    [InlineData(PortalRoles.Admin, true, true)]
    [InlineData(PortalRoles.Auditor, true, false)]
    [InlineData(PortalRoles.Member, false, false)]
    public void TheDrawerListsTheAreasTheRoleMayOpen(string role, bool audit, bool users)
    {
        SignInAs(role);
        RenderProviders();

        var menu = Render<NavMenu>();
        var links = menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Contains("/", links);
        Assert.Equal(audit, links.Contains("/audit"));
        Assert.Equal(users, links.Contains("/admin/users"));
    }

    [Fact]
    public void TheHomePageShowsRecentActivityToAnAuditorOnly()
    {
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Contains("Recent activity", home.Markup));
        home.WaitForAssertion(() => Assert.Contains("iam:CreateUser", home.Markup));
    }

    [Fact]
    public void TheHomePageHidesActivityFromAMember()
    {
        SignInAs(PortalRoles.Member);
        RenderProviders();

        var home = Render<Home>();

        Assert.Contains("Member", home.Markup);
        Assert.DoesNotContain("Recent activity", home.Markup);
    }
}
