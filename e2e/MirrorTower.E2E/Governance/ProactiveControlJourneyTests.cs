using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Governance;

/// <summary>
/// #18's proactive controls: an Admin enables CT.S3.PR.1 on Sandbox, deploys a template into a sandbox account from its
/// page, sees it refused naming the control and the resource, fixes it, and sees the bucket join the account's resources.
/// </summary>
public sealed class ProactiveControlJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    private const string OpenBucket = """
        Resources:
          Reports:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: alice-open-reports
        """;

    private const string ClosedBucket = """
        Resources:
          Reports:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: alice-closed-reports
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
        """;

    [Fact]
    public async Task ATemplateRefusedByAProactiveControlNamesItAndTheFixedOneMakesTheBucket()
    {
        var page = await server.AdminPageAsync();
        var controls = new ControlsPage(page);
        await controls.OpenAsync();
        await controls.OpenControlAsync("block public access settings configured", "Require an Amazon S3 bucket to have block public access settings configured");
        await Expect(page.GetByTestId("control-check")).ToContainTextAsync("AWS::S3::Bucket: PublicAccessBlockConfiguration.BlockPublicAcls == true");
        await controls.Dialog.SelectAsync(page, "OU", "Sandbox");
        await controls.Dialog.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(controls.Operations.Locator("tr").Filter(new() { HasText = "CT.S3.PR.1" }).First).ToContainTextAsync("Succeeded");

        var account = new AccountPage(page);
        await account.OpenAsync("sandbox-alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deploy a template" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Template (YAML or JSON)").FillAsync(OpenBucket);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();

        var refusal = dialog.GetByTestId("stack-refusal");
        await Expect(refusal).ToContainTextAsync("Resources.Reports");
        await Expect(refusal).ToContainTextAsync("CT.S3.PR.1 (Require an Amazon S3 bucket to have block public access settings configured) refuses Reports (AWS::S3::Bucket)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "stack-refused.png"), FullPage = true });

        await dialog.GetByLabel("Template (YAML or JSON)").FillAsync(ClosedBucket);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
        await Expect(dialog.GetByTestId("stack-result")).ToContainTextAsync("made 1 resource(s), checked by CT.S3.PR.1");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "stack-deployed-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1440, 900);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();

        await Expect(page.GetByTestId("resources")).ToContainTextAsync("alice-closed-reports");
        await Expect(page.GetByTestId("resources")).Not.ToContainTextAsync("alice-open-reports");
    }
}
