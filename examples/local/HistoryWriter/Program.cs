// Writes the local example's history: one namespace per kind of release, all deployed at the same time.
// Usage: HistoryWriter <output.om> [deployed-at, default 2024-08-16T13:45:00Z] [minutes after the deploy, default 60]
//        [namespaces to keep, comma-separated; default all]
using System.Diagnostics;
using System.Globalization;
using DeployVerifier.Testing;

if (args.Length is < 1 or > 4)
{
    await Console.Error.WriteLineAsync("Usage: HistoryWriter <output.om> [deployed-at, e.g. 2024-08-16T13:45:00Z] [post-minutes] [namespaces]");
    return 2;
}

var deployedAt = args.Length >= 2
    ? DateTimeOffset.Parse(args[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
    : ReleaseSpec.DefaultDeployedAt;

var stopwatch = Stopwatch.StartNew();
var history = ReleaseHistory.Generate(
    new[]
    {
        ReleaseSpec.Healthy("shop-healthy"),
        ReleaseSpec.CrashLoop("shop-crashloop"),
        ReleaseSpec.MemoryLeak("shop-memoryleak"),
        ReleaseSpec.ErrorSpike("shop-errorspike"),
        ReleaseSpec.LatencyRegression("shop-latency"),
        ReleaseSpec.NoNewAppMetrics("shop-nometrics"),
    }
    .Where(spec => args.Length < 4 || args[3].Split(',').Contains(spec.Namespace))
    .Select(spec => spec with { DeployedAt = deployedAt, PostMinutes = args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : spec.PostMinutes }));
history.WriteOpenMetrics(args[0]);

foreach (var scenario in history.Scenarios)
{
    var crash = scenario.FirstNewPodCrash is { } at ? $", first crash {at:yyyy-MM-ddTHH:mm:ssZ}" : "";
    Console.WriteLine($"{scenario.Spec.Namespace}: {scenario.Start:yyyy-MM-ddTHH:mm:ssZ} .. {scenario.End:yyyy-MM-ddTHH:mm:ssZ}{crash}");
}

Console.WriteLine($"Wrote {args[0]} in {stopwatch.Elapsed.TotalSeconds:0.00} s");
return 0;
