using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Sockets;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;

namespace MirrorTower.Benchmarks.Mirroring;

/// <summary>
/// `-- replay-api [packets] [mix|kilobyte] [body|multipart]`: #15's end-to-end check. The portal runs as its own process (the built
/// MirrorTower.dll beside this one, Release) on loopback with the demo's hub and spoke, and web-1's ENI gets three sessions (the demo's web tier to the IDS NLB,
/// SSH and PostgreSQL to a sensor ENI, DNS and ICMP to the NLB). A capture of that many frames is written once: `mix`
/// is a Linux server's kind of traffic (HTTPS, SSH, PostgreSQL, DNS, ICMP echo, a tenth IPv6), `kilobyte` is TCP
/// frames of 1 KB on average. Five rounds: the capture is uploaded to <c>POST /api/v1/replays</c> streamed from the
/// file, as the body (as `curl --data-binary @file` does) or as a multipart form (as `curl -F`), and timed to the answer; then tcpdump filters the same file into a file with the first session's
/// filter as BPF. Prints each round, the medians, the ratio of packets per second, and the resident memory the upload
/// added to the portal's process. Needs Debian's tcpdump: `apt-get install -y tcpdump`.
/// </summary>
public static class ReplayApiBench
{
    private const string Tcpdump = "/usr/bin/tcpdump";
    private const string Password = "Bench-Admin-Password-1";
    private const string SessionOneAsBpf = "(tcp and dst net 10.1.0.0/16 and (dst port 443 or dst port 80)) or src host {0}";

    public static async Task RunAsync(int packets, string kind, bool multipart)
    {
        if (!File.Exists(Tcpdump))
        {
            Console.WriteLine("tcpdump is missing: apt-get install -y tcpdump");
            return;
        }
        var folder = Directory.CreateTempSubdirectory("mirrortower-replay-api").FullName;
        try
        {
            using var portal = await StartPortalAsync(folder);
            // The portal's process ends with the bench, whatever happens: a portal left running skews every later figure.
            using var stop = new ProcessKiller(portal);
            var address = portal.StartInfo.Environment["Urls"]!;
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
            var (eniId, eniAddress) = await SetUpAsync(client);
            var capture = Path.Combine(folder, "input.pcap");
            WriteCapture(capture, packets, kind, IPAddress.Parse(eniAddress));
            Console.WriteLine($"Input: {packets:N0} {kind} frames, {new FileInfo(capture).Length / 1e6:0} MB, uploaded as {(multipart ? "a multipart form" : "the body")}; " +
                $"ENI {eniId} ({eniAddress}) with three sessions.");

            var api = new List<double>();
            var server = new List<double>();
            var tcpdump = new List<double>();
            var growth = new List<double>();
            for (var round = 1; round <= 5; round++)
            {
                var (seconds, report, rssGrowth) = await UploadAsync(client, capture, eniId, portal.Id, multipart);
                var filtered = Path.Combine(folder, "tcpdump.pcap");
                var tcpdumpSeconds = RunTcpdump(capture, filtered, string.Format(System.Globalization.CultureInfo.InvariantCulture, SessionOneAsBpf, eniAddress));
                File.Delete(filtered);
                var judged = report.GetProperty("packets").GetInt64() + report.GetProperty("framesNotOfTheEni").GetInt64();
                api.Add(judged / seconds);
                server.Add(report.GetProperty("packetsPerSecond").GetDouble());
                tcpdump.Add(packets / tcpdumpSeconds);
                growth.Add(rssGrowth / 1e6);
                var outcomes = string.Join(", ", report.GetProperty("byOutcome").EnumerateObject().Where(o => o.Value.GetInt64() > 0).Select(o => $"{o.Value.GetInt64():N0} {o.Name}"));
                Console.WriteLine($"round {round}: API {seconds:0.000} s = {api[^1] / 1e6:0.00} M frames/s end to end (server {server[^1] / 1e6:0.00} M packets/s; " +
                    $"{outcomes}); tcpdump {tcpdumpSeconds:0.000} s = {tcpdump[^1] / 1e6:0.00} M/s; " +
                    $"ratio {api[^1] / tcpdump[^1]:0.00}; resident memory +{growth[^1]:0} MB during the upload");
            }
            Console.WriteLine($"Medians of 5: API {Median(api) / 1e6:0.00} M frames/s end to end, server {Median(server) / 1e6:0.00} M packets/s, " +
                $"tcpdump {Median(tcpdump) / 1e6:0.00} M/s, ratio {Median(api.Zip(tcpdump, (a, t) => a / t).ToList()):0.00}; resident memory +{Median(growth):0} MB.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The portal's own process on a free loopback port, on a data folder of its own, once it answers /healthz.</summary>
    private static async Task<Process> StartPortalAsync(string folder)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MirrorTower.dll"));
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["MirrorTower__DataDirectory"] = folder;
        start.Environment["MirrorTower__Bootstrap__AdminPassword"] = Password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Each round's captures are deleted when the next run finishes, as tcpdump's output is deleted after each round:
        // both then write into reused page cache rather than fresh pages (which this VM makes slow to touch).
        start.Environment["MirrorTower__Simulation__RetainedCaptures"] = "0";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        process.Kill();
        throw new InvalidOperationException("The portal did not start within 30 s.");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The demo, then two more sessions on web-1: SSH and PostgreSQL to a sensor ENI (web-3's), DNS and ICMP to the NLB.</summary>
    private static async Task<(string EniId, string Address)> SetUpAsync(HttpClient client)
    {
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@mirrortower.local", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        (await client.PostAsync("/api/v1/demo-organization", null)).EnsureSuccessStatusCode();
        var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/traffic-mirroring");
        JsonElement Eni(string name) => overview.GetProperty("enis").EnumerateArray().Single(e => e.GetProperty("instanceName").GetString() == name);
        var web1 = Eni("web-1");
        var (eniId, account, region) = (web1.GetProperty("eniId").GetString()!, web1.GetProperty("accountId").GetString()!, web1.GetProperty("region").GetString()!);
        var nlbTarget = overview.GetProperty("targets").EnumerateArray().First().GetProperty("target").GetProperty("id").GetString()!;
        var scope = $"/api/v1/accounts/{account}/regions/{region}";
        async Task<string> CreateAsync(string path, object body)
        {
            var response = await client.PostAsJsonAsync(scope + path, body);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()! : throw new InvalidOperationException($"{path}: {text}");
        }
        var sensor = await CreateAsync("/traffic-mirror-targets", new { networkInterfaceId = Eni("web-3").GetProperty("eniId").GetString(), description = "sensor" });
        var admin = await CreateAsync("/traffic-mirror-filters", new { description = "SSH and PostgreSQL" });
        var services = await CreateAsync("/traffic-mirror-filters", new { description = "DNS and ICMP" });
        // SSH is served by the ENI (port 22 on its side); PostgreSQL and DNS are asked by it (the port on the peer's side).
        var rules = new (string Filter, string Direction, string Protocol, int? SourcePort, int? DestinationPort)[]
        {
            (admin, "ingress", "tcp", null, 22), (admin, "egress", "tcp", 22, null),
            (admin, "egress", "tcp", null, 5432), (admin, "ingress", "tcp", 5432, null),
            (services, "egress", "udp", null, 53), (services, "ingress", "udp", 53, null),
            (services, "ingress", "icmp", null, null), (services, "egress", "icmp", null, null),
        };
        var number = 100;
        foreach (var rule in rules)
        {
            await CreateAsync($"/traffic-mirror-filters/{rule.Filter}/rules", new
            {
                trafficDirection = rule.Direction, ruleNumber = number += 10, ruleAction = "accept", protocol = rule.Protocol,
                sourceCidrBlock = "0.0.0.0/0", destinationCidrBlock = "0.0.0.0/0",
                sourcePortRange = rule.SourcePort is { } sp ? new { fromPort = sp, toPort = sp } : null,
                destinationPortRange = rule.DestinationPort is { } dp ? new { fromPort = dp, toPort = dp } : null,
            });
        }
        await CreateAsync("/traffic-mirror-sessions", new { networkInterfaceId = eniId, trafficMirrorTargetId = sensor, trafficMirrorFilterId = admin, sessionNumber = 2 });
        await CreateAsync("/traffic-mirror-sessions", new { networkInterfaceId = eniId, trafficMirrorTargetId = nlbTarget, trafficMirrorFilterId = services, sessionNumber = 3 });
        return (eniId, web1.GetProperty("privateIp").GetString()!);
    }

    private static async Task<(double Seconds, JsonElement Report, long RssGrowth)> UploadAsync(HttpClient client, string capture, string eniId, int portal, bool multipart)
    {
        var baseline = Resident(portal);
        var peak = baseline;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, Resident(portal));
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        await using var file = new FileStream(capture, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var content = new StreamContent(file, 1 << 16) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap") } };
        using var upload = multipart ? new MultipartFormDataContent { { new StringContent(eniId), "sourceEniId" }, { content, "capture", "input.pcap" } } : (HttpContent)content;
        using var response = await client.PostAsync(multipart ? "/api/v1/replays" : $"/api/v1/replays?sourceEniId={eniId}&fileName=input.pcap", upload);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        await done.CancelAsync();
        await sampler;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The replay answered {(int)response.StatusCode}: {body}");
        }
        return (watch.Elapsed.TotalSeconds, JsonDocument.Parse(body).RootElement.GetProperty("report").Clone(), peak - baseline);
    }

    private static long Resident(int process)
    {
        foreach (var line in File.ReadLines($"/proc/{process}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    private static double RunTcpdump(string input, string output, string filter)
    {
        var start = new ProcessStartInfo(Tcpdump) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-n", "-r", input, "-w", output, filter })
        {
            start.ArgumentList.Add(argument);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException($"tcpdump exited with {process.ExitCode}.");
    }

    /// <summary>Frames 20 µs apart (50,000 a second, within the instance's bandwidth) to and from the ENI, the mix's shares fixed by a seeded random.</summary>
    internal static void WriteCapture(string path, int packets, string kind, IPAddress eni)
    {
        var self = (uint)Cidr.ToNumber(eni);
        var random = new Random(15);
        using var writer = new PcapWriter(File.Create(path));
        var frame = new byte[9100];
        for (var i = 0; i < packets; i++)
        {
            var inbound = random.Next(2) == 0;
            var ephemeral = (ushort)random.Next(32768, 61000);
            var client = (203u << 24) | (113u << 8) | (uint)random.Next(1, 250);
            var length = kind == "kilobyte"
                ? Serves(frame, inbound, self, client, 6, 443, ephemeral, random.Next(64, 1985))
                : random.Next(100) switch
                {
                    // Sizes as a server's traffic has them: mostly bare ACKs and small requests, some full segments (about 200 bytes on average).
                    < 40 => Serves(frame, inbound, self, client, 6, 443, ephemeral, random.Next(4) == 0 ? 1514 : inbound ? random.Next(66, 400) : 66),
                    < 55 => Serves(frame, inbound, self, (10u << 24) | 5, 6, 22, ephemeral, random.Next(66, 200)),
                    < 75 => Asks(frame, inbound, self, (10u << 24) | (2u << 16) | (1u << 8) | (uint)random.Next(10, 60), 6, 5432, ephemeral, random.Next(8) == 0 ? 1514 : random.Next(66, 300)),
                    < 85 => Asks(frame, inbound, self, (10u << 24) | (1u << 16) | 2, 17, 53, ephemeral, random.Next(70, 200)),
                    < 90 => Serves(frame, inbound, self, (198u << 24) | (51u << 16) | (100u << 8) | 9, 1, 0, 0, 98),
                    _ => WriteV6(frame, inbound, random.Next(86, 400), ephemeral),
                };
            writer.Write(1_700_000_000_000_000_000L + (i * 20_000L), frame.AsSpan(0, length));
        }
    }

    /// <summary>A frame of a flow the ENI serves on <paramref name="port"/>: the request in, or the answer out.</summary>
    private static int Serves(byte[] frame, bool inbound, uint self, uint peer, byte protocol, ushort port, ushort ephemeral, int length) => inbound
        ? FrameBuilder.WriteIpv4(frame, peer, self, protocol, ephemeral, port, length)
        : FrameBuilder.WriteIpv4(frame, self, peer, protocol, port, ephemeral, length);

    /// <summary>A frame of a flow the ENI asks of a peer serving <paramref name="port"/>: the answer in, or the request out.</summary>
    private static int Asks(byte[] frame, bool inbound, uint self, uint peer, byte protocol, ushort port, ushort ephemeral, int length) => inbound
        ? FrameBuilder.WriteIpv4(frame, peer, self, protocol, port, ephemeral, length)
        : FrameBuilder.WriteIpv4(frame, self, peer, protocol, ephemeral, port, length);

    /// <summary>An IPv6 TCP frame on 443 between two documentation addresses (the ENI has no IPv6 address yet: #16).</summary>
    private static int WriteV6(byte[] frame, bool inbound, int length, ushort ephemeral)
    {
        length = Math.Max(length, 14 + 40 + 20);
        var f = frame.AsSpan(0, length);
        f.Clear();
        f[0] = 0x02;
        f[6] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], 0x86DD);
        var ip = f[14..];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(length - 54));
        ip[6] = 6;
        ip[7] = 64;
        IPAddress.Parse(inbound ? "2001:db8:1::7" : "2001:db8::10").GetAddressBytes().CopyTo(ip[8..]);
        IPAddress.Parse(inbound ? "2001:db8::10" : "2001:db8:1::7").GetAddressBytes().CopyTo(ip[24..]);
        var tcp = ip[40..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, inbound ? ephemeral : (ushort)443);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], inbound ? (ushort)443 : ephemeral);
        tcp[12] = 0x50;
        tcp[13] = 0x18;
        return length;
    }

    private sealed class ProcessKiller(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }
}
