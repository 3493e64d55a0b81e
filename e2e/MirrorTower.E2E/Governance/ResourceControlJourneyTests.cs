using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Governance;

/// <summary>
/// #18's journey: enable an RCP control on an OU after its preview, then see an S3 request from outside the organization
/// denied with the RCP named. Its own portal, so that the control does not change what the other governance journeys see.
/// </summary>
public sealed partial class ResourceControlJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    private const string Outsider = "arn:aws:iam::111122223333:role/Partner";

    [Fact]
    public async Task AnRcpControlPreviewedAndEnabledOnProdDeniesAnS3RequestFromOutsideTheOrganizationNamingTheRcp()
    {
        var page = await server.AdminPageAsync();
        var controls = new ControlsPage(page);
        await controls.OpenAsync();

        await controls.OpenControlAsync("accessible only by IAM principals",
            "Require that the organization's Amazon S3 resources are accessible only by IAM principals that belong to the organization or by an AWS service");
        await Expect(controls.Dialog).ToContainTextAsync("RCP the portal enforces (AWS::Organizations::Policy::RCP)");
        await controls.Dialog.SelectAsync(page, "OU", "Prod");
        await Expect(page.GetByTestId("rcp-preview")).ToContainTextAsync("a request by a principal outside the organization");
        var probe = page.GetByTestId("rcp-probe").Filter(new() { HasText = "web-prod-static-site" }).First;
        await Expect(probe).ToContainTextAsync("denied by CTS3PV4");
        var bucket = BucketArn().Match(await probe.InnerTextAsync()).Value;
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "rcp-control-preview.png"), FullPage = true });
        await controls.Dialog.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(controls.Operations.Locator("tr").Filter(new() { HasText = "CT.S3.PV.4" }).First).ToContainTextAsync("Succeeded");

        await page.GotoAsync("/simulator");
        await new Shell(page).WaitForInteractiveAsync();
        await page.Locator("body").SelectAsync(page, "Account (owns the resource)", "web-prod");
        await page.GetByLabel("Principal ARN").FillAsync(Outsider);
        await page.GetByLabel("Action").FillAsync("s3:GetObject");
        await page.GetByLabel("Resource ARN").FillAsync(bucket + "/index.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate" }).ClickAsync();

        var decision = page.GetByTestId("decision");
        await Expect(decision).ToContainTextAsync("ExplicitDeny");
        await Expect(decision).ToContainTextAsync("of RCP aws-guardrails-rcp-");
        await Expect(decision).ToContainTextAsync("attached at OU Prod");
        await Expect(decision).ToContainTextAsync("CT.S3.PV.4");
        await Expect(page.GetByTestId("trace")).ToContainTextAsync("RCPs at OU Prod");
        await page.SetViewportSizeAsync(1440, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "rcp-simulator-denied.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "rcp-simulator-denied-390.png"), FullPage = true });

        // The pages RCPs changed, as a reviewer looks at them: the policies of both types, the catalog's shape.
        foreach (var (path, ready) in new[] { ("/policies", "RCPFullAWSAccess"), ("/controls", "of 171 controls") })
        {
            await page.GotoAsync(path);
            await new Shell(page).WaitForInteractiveAsync();
            await Expect(page.Locator("body")).ToContainTextAsync(ready);
            foreach (var width in new[] { 1440, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, $"rcp{path.Replace('/', '-')}-{width}.png"), FullPage = true });
            }
        }
    }

    [GeneratedRegex(@"arn:aws:s3:::[a-z0-9.\-]+")]
    private static partial Regex BucketArn();
}
