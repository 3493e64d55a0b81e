using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>
/// Every operation of the OpenAPI document, sent random and malformed bodies and path values (CsCheck, a fixed seed so
/// a failure replays): the portal never answers 5xx, and a request it refuses (4xx) writes no row but its audit event.
/// </summary>
public sealed class RandomRequestTests(DemoPortalFactory portal, ITestOutputHelper output) : IClassFixture<DemoPortalFactory>
{
    // Starting runs would go on long after the test; replays are multipart; sign-in is throttled and tested on its own.
    private static readonly string[] Skipped = ["/api/v1/simulations", "/api/v1/replays", "/api/v1/auth/login", "/api/v1/demo-organization"];
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];
    private const int SamplesPerOperation = 12;

    private static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (3, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Const("\ud800 \u202e \u0000 <img src=x onerror=alert(1)>").Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Const(new string('a', 70_000)).Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const<JsonNode?>((JsonNode?)null)),
        (1, Gen.Const<JsonNode?>(new JsonArray(JsonValue.Create(1), JsonValue.Create("x")))),
        (1, Gen.Const<JsonNode?>(new JsonObject { ["nested"] = new JsonArray() })));

    private static Gen<string> Body(IReadOnlyList<string> names) => Gen.Frequency(
        (6, Gen.Select(Gen.Int[0, Math.Max(1, names.Count)], Gen.Int[0, 1000]).SelectMany((count, seed) =>
            Value.Array[count].Select(values =>
            {
                var body = new JsonObject();
                for (var i = 0; i < values.Length; i++)
                {
                    body[names.Count == 0 ? $"p{i}" : names[(seed + i) % names.Count]] = values[i]?.DeepClone();
                }
                return body.ToJsonString();
            }))),
        (1, Gen.Const("{")),
        (1, Gen.Const("[]")),
        (1, Gen.Const("null")),
        (1, Gen.String.Select(s => s)));

    private static readonly string[] PathValues = ["x", "0", "-1", "ou-zzzz-zzzzzzzz", "tmf-00000000000000000", "..", "999999999999", new string('9', 300)];
    private static readonly Gen<string> PathValue = Gen.Int[0, PathValues.Length - 1].Select(i => PathValues[i]);

    private static IReadOnlyList<string> PropertiesOf(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
        {
            return [];
        }
        foreach (var media in content.EnumerateObject())
        {
            if (!media.Value.TryGetProperty("schema", out var schema))
            {
                continue;
            }
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            }
            return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
        }
        return [];
    }

    private async Task<long> RowsOutsideTheAuditTrailAsync()
    {
        await using var connection = await portal.OpenDatabaseAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = TestDatabase.OnPostgreSql
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetString(0) is not ("AuditEvents" or "__EFMigrationsHistory" or "__EFMigrationsLock" or "DataProtectionKeys") and var table)
                {
                    tables.Add(table);
                }
            }
        }
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT " + string.Join(" + ", tables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")"));
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task NoOperationAnswers5xxAndNoRefusalWritesARow()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var document = await (await admin.GetAsync("/openapi/v1.json")).JsonAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => !Skipped.Any(s => p.Name.StartsWith(s, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => (Path: p.Name, Method: m.Name, Properties: PropertiesOf(document, m.Value))))
            .ToList();
        var failures = new List<string>();
        var sent = 0;

        foreach (var (path, method, properties) in operations)
        {
            await Gen.Select(Body(properties), PathValue).SampleAsync(async sample =>
            {
                var (body, value) = sample;
                var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Uri.EscapeDataString(value));
                var before = await RowsOutsideTheAuditTrailAsync();
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                if (method is "post" or "put" or "patch")
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }
                var response = await admin.SendAsync(request);
                Interlocked.Increment(ref sent);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method.ToUpperInvariant()} {url} {body[..Math.Min(body.Length, 200)]} → {(int)response.StatusCode}");
                }
                else if ((int)response.StatusCode >= 400 && await RowsOutsideTheAuditTrailAsync() != before)
                {
                    failures.Add($"{method.ToUpperInvariant()} {url} {body[..Math.Min(body.Length, 200)]} → {(int)response.StatusCode} but wrote rows");
                }
                return true;
            }, iter: SamplesPerOperation, threads: 1, seed: "0N0XIzNsQ0O2");
        }

        output.WriteLine($"{sent} requests over {operations.Count} operations; {failures.Count} failed.");
        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the OpenAPI document");
        Assert.Equal(operations.Count * SamplesPerOperation, sent);
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n{string.Join("\n", failures.Distinct().Take(40))}");
    }
}
