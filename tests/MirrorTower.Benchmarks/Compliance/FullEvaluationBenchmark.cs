using BenchmarkDotNet.Attributes;
using MirrorTower.Engine.Compliance;

namespace MirrorTower.Benchmarks.Compliance;

/// <summary>
/// Issue 4's target: a full evaluation of 100,000 resources against every detective rule in at most 2 seconds.
/// The resources mix every type the rules judge, with some violations, spread over 1,000 accounts.
/// </summary>
[MemoryDiagnoser]
public class FullEvaluationBenchmark
{
    private const int Resources = 100_000;
    private ConfigurationItem[] _items = default!;
    private IReadOnlyList<DetectiveRule> _rules = default!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(4);
        string[] types =
        [
            ResourceTypes.Bucket, ResourceTypes.Volume, ResourceTypes.Instance, ResourceTypes.SecurityGroup, ResourceTypes.Subnet,
            ResourceTypes.RouteTable, ResourceTypes.User, ResourceTypes.DbInstance, ResourceTypes.DbSnapshot, ResourceTypes.Trail, ResourceTypes.Account,
        ];
        string[] flags = [Keys.PublicRead, Keys.PublicWrite, Keys.Versioning, Keys.Encrypted, Keys.Attached, Keys.EbsOptimized, Keys.MfaEnabled,
            Keys.ConsoleAccess, Keys.RootMfaEnabled, Keys.PubliclyAccessible, Keys.StorageEncrypted, Keys.Public, Keys.MapPublicIpOnLaunch, Keys.IsLogging];
        _items = Enumerable.Range(0, Resources).Select(i =>
        {
            var settings = flags.ToDictionary(f => f, _ => random.Next(10) == 0 ? "false" : "true");
            settings[Keys.IngressRules] = random.Next(20) == 0 ? "tcp:22:0.0.0.0/0" : "tcp:443:0.0.0.0/0;tcp:22:10.0.0.0/8";
            settings[Keys.Routes] = random.Next(20) == 0 ? "10.0.0.0/16>local;0.0.0.0/0>igw-0abc" : "10.0.0.0/16>local";
            return new ConfigurationItem(types[i % types.Length], $"arn:aws:test:::{i}", $"resource-{i}", settings,
                i % 50 == 0 ? AccountScope.Shared : AccountScope.Member);
        }).ToArray();
        _rules = DetectiveRules.All;
    }

    [Benchmark]
    public int EvaluateAll() => ComplianceEvaluator.Evaluate(_items, _ => _rules).Count;
}
