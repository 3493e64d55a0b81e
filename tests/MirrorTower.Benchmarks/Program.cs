using BenchmarkDotNet.Running;
using MirrorTower.Benchmarks.Compliance;

// `-- dashboard` runs the dashboard bench command; anything else goes to BenchmarkDotNet.
if (args is ["dashboard", ..])
{
    await DashboardBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(DashboardBench).Assembly).Run(args);
