using System.Diagnostics;
using System.Text.Json;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// Debian's AWS CLI (/usr/bin/aws, installed by .ci/run) against the portal's <c>/aws</c> endpoint with an access key:
/// the real client, its real signing and its real parsing of the answers. No configuration file is read.
/// </summary>
public sealed class AwsCli(KestrelPortalFactory portal, (string Id, string Secret, string AccountId) key, string region = "eu-west-1")
{
    private const string Aws = "/usr/bin/aws";

    /// <summary>Runs <c>aws SERVICE ARGS…</c> and parses its JSON answer; a failure fails the test with the CLI's message.</summary>
    public async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var (exit, output, error) = await RunAsync(arguments);
        Assert.True(exit == 0, $"aws {string.Join(' ', arguments)} exited {exit}: {error}");
        return output.Length == 0 ? default : JsonDocument.Parse(output).RootElement.Clone();
    }

    public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Aws), $"Debian's awscli is missing at {Aws}: install it with 'apt-get install -y awscli' (.ci/run does).");
        var start = new ProcessStartInfo(Aws) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--endpoint-url", portal.Ec2Endpoint, "--output", "json" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = key.Id;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = key.Secret;
        start.Environment["AWS_DEFAULT_REGION"] = region;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_PAGER"] = "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
