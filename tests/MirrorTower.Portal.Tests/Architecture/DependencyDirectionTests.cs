using NetArchTest.Rules;

namespace MirrorTower.Portal.Tests.Architecture;

/// <summary>
/// The dependency directions of docs/decisions/0010-areas-and-dependency-directions.md, read from the compiled
/// portal (pages included, since Razor compiles them to classes): a reference the table does not allow fails here.
/// </summary>
public sealed class DependencyDirectionTests
{
    private const string Root = "MirrorTower.Portal.";

    /// <summary>What each feature may use besides the shared layers (Common, Data, Security, Components, Audit, Identity).</summary>
    private static readonly Dictionary<string, string[]> FeatureUses = new()
    {
        ["Audit"] = ["Identity"],
        ["Identity"] = ["Audit"],
        // The governance core: the tree, its SCPs, the policy tests that gate them, and the compliance they are judged by.
        ["Organization"] = ["ServiceControlPolicies", "Workbench", "Compliance"],
        ["ServiceControlPolicies"] = ["Organization", "Workbench"],
        ["Workbench"] = ["Organization", "ServiceControlPolicies"],
        ["Compliance"] = ["Organization"],
        ["Controls"] = ["Organization", "ServiceControlPolicies", "Workbench", "Compliance"],
        ["AccessKeys"] = ["Organization"],
        ["Mirroring"] = ["Organization", "Compliance", "AccessKeys"],
        ["Simulation"] = ["Mirroring", "Compliance"],
        ["AccountFactory"] = ["Organization", "Compliance", "Mirroring"],
        ["ApiReference"] = [],
        // The /aws endpoint: it authenticates with access keys and hands each service's protocol to its feature.
        ["AwsApi"] = ["AccessKeys", "Mirroring", "Organization", "Controls", "Compliance", "AccountFactory"],
        ["Home"] = ["Organization", "Compliance", "Controls", "Mirroring", "Simulation", "AccountFactory"],
    };

    private static readonly string[] SharedByFeatures = ["Audit", "Identity"];

    public static TheoryData<string> Features() => [.. FeatureUses.Keys];

    [Fact]
    public void EveryFeatureFolderIsInTheTable()
    {
        var namespaces = typeof(Program).Assembly.GetTypes().Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith(Root + "Features.", StringComparison.Ordinal))
            .Select(n => n[(Root.Length + "Features.".Length)..].Split('.')[0]).Distinct().Order();
        Assert.Equal(namespaces, FeatureUses.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void AFeatureUsesOnlyTheFeaturesItMay(string feature)
    {
        var forbidden = FeatureUses.Keys.Except([feature, .. FeatureUses[feature], .. SharedByFeatures]).Select(f => Root + "Features." + f)
            .Append(Root + "Hosting");
        AssertNone(Root + "Features." + feature, forbidden);
    }

    [Fact]
    public void CommonUsesNothingOfThePortal() =>
        AssertNone(Root + "Common", [Root + "Features", Root + "Data", Root + "Security", Root + "Components", Root + "Hosting"]);

    [Fact]
    public void SharedComponentsUseOnlyTheSharedLayers() =>
        AssertNone(Root + "Components", [.. FeatureUses.Keys.Except(SharedByFeatures).Select(f => Root + "Features." + f), Root + "Hosting"]);

    [Fact]
    public void SecurityUsesOnlyTheSharedLayers() =>
        AssertNone(Root + "Security", [.. FeatureUses.Keys.Except(SharedByFeatures).Select(f => Root + "Features." + f), Root + "Hosting", Root + "Components"]);

    [Fact]
    public void DataKnowsEntitiesButNotTheHostOrThePages() =>
        AssertNone(Root + "Data", [Root + "Hosting", Root + "Components", Root + "Security"]);

    [Fact]
    public void TheEngineReferencesNeitherTheWebNorTheDatabase()
    {
        var references = typeof(Engine.AwsIdentifiers).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || r.StartsWith("MirrorTower.Portal", StringComparison.Ordinal)
            || r == "MirrorTower");
    }

    private static void AssertNone(string area, IEnumerable<string> forbidden)
    {
        var offenders = Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace(area)
            .And().HaveDependencyOnAny([.. forbidden]).GetTypes()
            .Select(t => t.FullName).Order().ToList();
        Assert.True(offenders.Count == 0, $"{area} may not use {string.Join(", ", forbidden)}, but these types do: {string.Join(", ", offenders)}");
    }
}
