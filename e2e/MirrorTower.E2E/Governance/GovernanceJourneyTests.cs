using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Governance;

/// <summary>Journeys on the demo organization, each in its own browser context, in this order of the class.</summary>
public sealed class GovernanceJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task AnElectiveControlEnabledOnSandboxDeniesAnActionInASandboxAccountWithTheReason()
    {
        var page = await server.AdminPageAsync();
        var controls = new ControlsPage(page);
        await controls.OpenAsync();

        await controls.OpenControlAsync("VPN", "Disallow virtual private network (VPN) connections");
        await controls.Dialog.SelectAsync(page, "OU", "Sandbox");
        await Expect(page.GetByTestId("control-preview")).ToContainTextAsync("enrolled account(s)");
        await controls.Dialog.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(controls.Operations.Locator("tr").Filter(new() { HasText = "AWS-GR_DISALLOW_VPN_CONNECTIONS" }).First).ToContainTextAsync("Succeeded");
        // The toast follows the operation: its outcome replaces "Enabling …" (#19 finding 8).
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "enabled on Sandbox" })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Enabling" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "controls.png"), FullPage = true });

        var account = new AccountPage(page);
        await account.OpenAsync("sandbox-alice");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToBeVisibleAsync();
        await account.RunAccountCallAsync("ec2:CreateVpnGateway", "eu-west-1");

        await Expect(account.Result).ToContainTextAsync("ExplicitDeny");
        await Expect(account.Result).ToContainTextAsync("GRDISALLOWVPNCONNECTIONS");
        await Expect(account.Result).ToContainTextAsync("AWS-GR_DISALLOW_VPN_CONNECTIONS (Disallow virtual private network (VPN) connections)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-denied.png"), FullPage = true });
    }

    [Fact]
    public async Task AnAdminChangesTheLogRetentionOnTheLandingZonePageAndSeesTheUpdateOperation()
    {
        var page = await server.AdminPageAsync();
        await page.GotoAsync("/landing-zone");
        await new Shell(page).WaitForInteractiveAsync();

        await page.GetByTestId("retention").FillAsync("400");
        await page.GetByTestId("update-landing-zone").ClickAsync();

        await Expect(page.GetByTestId("landing-zone-operations")).ToContainTextAsync("Update: succeeded");
        await Expect(page.GetByTestId("landing-zone-operations")).ToContainTextAsync("logs kept 400 days");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "400 days", Exact = true })).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "landing-zone-update.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "landing-zone-update-390.png"), FullPage = true });
    }

    [Fact]
    public async Task TheScpEditorShowsWhatAwsWouldRefuseAndWhatWouldDoNothingAsTheDocumentIsTyped()
    {
        var page = await server.AdminPageAsync();
        await page.GotoAsync("/policies");
        await new Shell(page).WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New SCP" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Policy document (JSON)").FillAsync(
            """{"Version":"2012-10-17","Statement":[{"Sid":"DenyAll","Effect":"Deny","Action":"*","Resource":"*"},{"Sid":"AllowLogs","Effect":"Allow","Action":"logs:*","Resource":"arn:aws:iam::123456789012:u*"}]}""");

        var findings = dialog.GetByTestId("policy-findings");
        await Expect(findings).ToContainTextAsync("Error in AllowLogs");
        await Expect(findings).ToContainTextAsync("inside the resource type 'u*' of iam");
        await Expect(findings).ToContainTextAsync("Warning in AllowLogs");
        await Expect(findings).ToContainTextAsync("DenyAll denies every action and resource it allows");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "scp-findings.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "scp-findings-390.png"), FullPage = true });
    }

    [Fact]
    public async Task AMandatoryControlCannotBeDisabled()
    {
        var page = await server.AdminPageAsync();
        var controls = new ControlsPage(page);
        await controls.OpenAsync();

        await controls.OpenControlAsync("deletion of log", "Disallow deletion of log archive");
        await controls.Dialog.GetByRole(AriaRole.Button, new() { Name = "Disable on Sandbox" }).ClickAsync();

        await Expect(controls.Dialog).ToContainTextAsync("is a mandatory control: it is always on, on every OU, and cannot be disabled.");
    }

    [Fact]
    public async Task DriftFromAnOutOfBandChangeIsShownAndRepaired()
    {
        var page = await server.AdminPageAsync();
        var zone = new LandingZonePage(page);
        await zone.OpenAsync();
        await Expect(zone.Status).ToHaveTextAsync("In sync");

        await zone.OutOfBand.SelectAsync(page, "Change", "Move an account to another OU");
        await zone.OutOfBand.SelectAsync(page, "Account", "web-dev");
        await zone.OutOfBand.SelectAsync(page, "To OU", "Prod");
        await zone.OutOfBand.GetByRole(AriaRole.Button, new() { Name = "Make the change" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "out-of-band.png"), FullPage = true });

        await Expect(zone.Status).ToHaveTextAsync("Drifted");
        await Expect(zone.Drift).ToContainTextAsync("Account moved between OUs");
        await Expect(zone.Drift).ToContainTextAsync("ACCOUNT_MOVED_BETWEEN_OUS");
        // Prod's controls do not reach web-dev: each is in inheritance drift, with its own reset.
        await Expect(page.GetByTestId("drifted-controls")).ToContainTextAsync("OU Prod");
        await Expect(page.GetByTestId("drifted-controls")).ToContainTextAsync("was moved below OU Prod");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "drift.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "drift-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1440, 900);
        await zone.Drift.GetByRole(AriaRole.Button, new() { Name = "Update account" }).ClickAsync();
        await Expect(page.GetByTestId("drifted-controls")).ToHaveCountAsync(0);
        await Expect(zone.Status).ToHaveTextAsync("In sync");
    }

    [Fact]
    public async Task ASuiteThatExpectsLogArchiveDeletionDeniedBlocksDetachingTheControlsScp()
    {
        var page = await server.AdminPageAsync();
        await page.GotoAsync("/workbench");
        await new Shell(page).WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Test suites" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save suite" }).ClickAsync();
        var suites = page.GetByTestId("suites");
        await Expect(suites).ToContainTextAsync("log-archive-protection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run log-archive-protection" }).ClickAsync();
        await Expect(page.GetByTestId("suite-run")).ToContainTextAsync("pass");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "workbench-suites.png"), FullPage = true });

        var zone = new LandingZonePage(page);
        await zone.OpenAsync();
        await zone.OutOfBand.SelectAsync(page, "Change", "Detach a control's SCP");
        await zone.OutOfBand.SelectContainingAsync(page, "Control Tower SCP", "OU Security", "GRAUDITBUCKETDELETIONPROHIBITED");
        await zone.OutOfBand.GetByRole(AriaRole.Button, new() { Name = "Make the change" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("failing-cases")).ToContainTextAsync("log bucket deletion is denied");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "gate.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the change" }).ClickAsync();
        await Expect(zone.Status).ToHaveTextAsync("In sync");
        await Expect(zone.Drift).ToContainTextAsync("No drift");
    }

    [Fact]
    public async Task APublicBucketTurnsTheOpenDashboardNoncompliantAndRemediationTurnsItBack()
    {
        var dashboard = await server.AdminPageAsync();
        await dashboard.GotoAsync("/dashboard");
        var noncompliant = dashboard.GetByTestId("tile-noncompliant").Locator("h5");
        await Expect(noncompliant).Not.ToHaveTextAsync("0");
        var before = int.Parse(await noncompliant.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var page = await server.AdminPageAsync();
        await new AccountPage(page).OpenAsync("sandbox-alice");
        await new Shell(page).WaitForInteractiveAsync();
        var bucketRow = page.GetByTestId("resources").Locator("tr").Filter(new() { HasText = "sandbox-alice-data" });
        await bucketRow.GetByRole(AriaRole.Button, new() { Name = "Act" }).ClickAsync();
        await page.GetByText("Edit settings").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("PublicRead").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(bucketRow.GetByTestId("finding")).ToContainTextAsync("S3_BUCKET_PUBLIC_READ_PROHIBITED");
        await Expect(page.GetByTestId("account-compliance")).ToHaveTextAsync("Noncompliant");
        await Expect(page.GetByTestId("controls-in-effect")).ToContainTextAsync("In violation (1)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-noncompliant.png"), FullPage = true });

        // The dashboard, open in another browser, follows without a reload.
        await Expect(noncompliant).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "dashboard.png"), FullPage = true });

        await page.GotoAsync("/compliance?control=AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED");
        var violation = page.GetByTestId("violations").Locator("tr").Filter(new() { HasText = "sandbox-alice-data" });
        await Expect(violation).ToContainTextAsync("grants READ to AllUsers");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "violations.png"), FullPage = true });
        await violation.GetByRole(AriaRole.Button, new() { Name = "Block public access" }).ClickAsync();

        await Expect(violation).ToHaveCountAsync(0);
        await Expect(noncompliant).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
