using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Components.Shared;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>
/// Pages reload for the changes they show, not for every change: a vending run's steps (Account Factory changes)
/// do not reload a page that shows the organization, and an organization change does.
/// </summary>
public sealed class KeyedReloadTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public void APageReloadsOnlyForTheAreasItWatches()
    {
        SignInAs(PortalRoles.Admin);
        var page = Render<OrganizationWatcher>();
        var feed = Services.GetRequiredService<ChangeFeed>();
        page.WaitForAssertion(() => Assert.Equal("loads: 1", page.Markup));

        feed.Publish(new Change(ChangeArea.AccountFactory, "rec-0123456789ab"));
        feed.Publish(new Change(ChangeArea.Network));
        feed.Publish(new Change(ChangeArea.Organization, "ou-abcd-12345678"));

        page.WaitForAssertion(() => Assert.Equal("loads: 2", page.Markup));
        Assert.Equal([ChangeArea.Organization], page.Instance.Reloads);
    }

    /// <summary>A page that shows the organization and counts its loads.</summary>
    private sealed class OrganizationWatcher : PortalPage
    {
        private int _loads;
        private readonly List<ChangeArea> _reloads = [];

        public IReadOnlyList<ChangeArea> Reloads => _reloads;

        protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Organization };

        protected override bool Shows(Change change)
        {
            var shown = base.Shows(change);
            if (shown)
            {
                _reloads.Add(change.Area);
            }
            return shown;
        }

        protected override Task LoadAsync()
        {
            _loads++;
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, $"loads: {_loads}");
    }
}
