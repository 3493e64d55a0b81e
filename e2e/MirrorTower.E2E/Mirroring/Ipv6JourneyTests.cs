using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Mirroring;

/// <summary>
/// A security engineer adds a dual-stack sensor interface with explicit addresses to the web VPC, is told which
/// address is wrong, then asks whether an IPv6 HTTPS packet to web-1 is mirrored.
/// </summary>
public sealed class Ipv6JourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task ADualStackInterfaceIsCreatedWithExplicitAddressesAndAnIpv6PacketIsTested()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("/network");
        await new Shell(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("vpcs")).ToContainTextAsync("2600:1f18:4c1:a00::/56");

        await page.Locator("body").SelectAsync(page, "Acting in account", "web-prod");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Instances and ENIs" }).ClickAsync();
        await page.Locator("body").SelectContainingAsync(page, "Interface's subnet", "web / web-a");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("v6 sensor");
        await page.GetByLabel("Private IPv4 address").FillAsync("10.1.1.120");
        await page.GetByLabel("IPv6 addresses").FillAsync("2600:1f18:4c1:a02::120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create interface" }).ClickAsync();
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("is not in the subnet's 2600:1f18:4c1:a01::/64");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "network-ipv6-refused.png"), FullPage = true });

        await page.GetByLabel("IPv6 addresses").FillAsync("2600:1f18:4c1:a01::120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create interface" }).ClickAsync();
        var row = page.GetByTestId("network-interfaces").Locator("tr").Filter(new() { HasText = "v6 sensor" });
        await Expect(row).ToContainTextAsync("10.1.1.120");
        await Expect(row).ToContainTextAsync("2600:1f18:4c1:a01::120");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "network-ipv6-interface.png"), FullPage = true });

        var mirroring = new MirroringPage(page);
        await mirroring.OpenAsync("sessions");
        await page.GetByTestId("eni-sessions").Filter(new() { HasText = "web-1" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await new Shell(page).WaitForInteractiveAsync();
        var tester = page.GetByTestId("packet-test");
        await tester.GetByLabel("Peer address").FillAsync("2001:db8::10");
        await tester.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Expect(page.GetByTestId("packet-test-result")).ToContainTextAsync("[2001:db8::10]:40000 → [2600:1f18:4c1:a01::a]:443: Mirrored by session 1, rule 120");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "packet-test-ipv6.png"), FullPage = true });

        // The same table on a phone: the addresses wrap inside the table, which scrolls sideways rather than the page.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/network");
        await new Shell(page).WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Instances and ENIs" }).ClickAsync();
        await Expect(page.GetByTestId("network-interfaces")).ToContainTextAsync("2600:1f18:4c1:a01::120");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page itself does not scroll sideways at 390 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "network-ipv6-390.png"), FullPage = true });
    }
}
