using BenchmarkDotNet.Running;
using MirrorTower.Benchmarks.Compliance;

// `-- dashboard` runs the dashboard bench command; anything else goes to BenchmarkDotNet.
if (args is ["dashboard", ..])
{
    await DashboardBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}
if (args is ["vending", ..])
{
    await MirrorTower.Benchmarks.AccountFactory.VendingBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}
if (args is ["cluster", ..])
{
    await MirrorTower.Benchmarks.AccountFactory.ClusterBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}
if (args is ["replay", ..])
{
    MirrorTower.Benchmarks.Mirroring.SimulationBench.Replay(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? Enum.Parse<MirrorTower.Engine.Simulation.Scenario>(args[2], ignoreCase: true) : MirrorTower.Engine.Simulation.Scenario.WebTier,
        writeCapture: !args.Contains("no-capture"));
    return;
}
if (args is ["replay-api", ..])
{
    await MirrorTower.Benchmarks.Mirroring.ReplayApiBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? args[2] : "mix", args.Contains("multipart"));
    return;
}
if (args is ["live", ..])
{
    MirrorTower.Benchmarks.Mirroring.SimulationBench.Live(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(DashboardBench).Assembly).Run(args);
