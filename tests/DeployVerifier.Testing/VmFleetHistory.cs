using System.Globalization;
using System.Text;

namespace DeployVerifier.Testing;

/// <summary>
/// History of an in-place release on a fleet of VMs behind a load balancer: the instances keep their names
/// (<c>job</c>, <c>instance</c>), and each process is restarted with the new version 20 s apart. Writes the Prometheus
/// client's <c>process_*</c> series, <c>app_build_info{version}</c> and <c>http_requests_total{code}</c> as OpenMetrics.
/// </summary>
public static class VmFleetHistory
{
    private const int Step = ReleaseHistory.ScrapeIntervalSeconds;
    private const double Mib = 1024 * 1024;

    /// <summary>One fleet per job.</summary>
    /// <param name="Job">The Prometheus job, one per fleet.</param>
    /// <param name="DeployedAt">When the first process restarts with the new version.</param>
    /// <param name="CrashEverySeconds">When set, each new process dies this long after every start.</param>
    /// <param name="LeakMibPerMinute">How fast each new process's memory grows.</param>
    /// <param name="RolledBackAfterSeconds">When set, the release is rolled back: each instance is restarted with the old
    /// version this long after the first restart with the new one, 20 s apart as the deploy went.</param>
    public sealed record Fleet(string Job, DateTimeOffset DeployedAt, double? CrashEverySeconds = null, double LeakMibPerMinute = 0,
        double? RolledBackAfterSeconds = null);

    /// <summary>The fleets' history as OpenMetrics text, 60 min before and 40 min after each deploy.</summary>
    public static string ToOpenMetrics(params IEnumerable<Fleet> fleets)
    {
        var families = new SortedDictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder Family(string name) => families.TryGetValue(name, out var b) ? b : families[name] = new StringBuilder();
        foreach (var fleet in fleets)
        {
            var random = new Random(fleet.Job.Length * 7919);
            var deploy = fleet.DeployedAt.ToUnixTimeSeconds();
            for (var i = 0; i < 3; i++)
            {
                var instance = $"10.0.0.{11 + i}:8080";
                var labels = $"job=\"{fleet.Job}\",instance=\"{instance}\"";
                var restart = deploy + (20 * i);
                var undo = fleet.RolledBackAfterSeconds is { } after ? restart + after : double.PositiveInfinity;
                var processStart = (double)(deploy - 86400);
                var version = "1.4.1";
                double ok = 0, errors = 0;
                var memory = new StringBuilder();
                var starts = new StringBuilder();
                var build = new StringBuilder();
                var requests = new StringBuilder();
                for (var t = deploy - 3600; t <= deploy + 2400; t += Step)
                {
                    if (t >= restart && t < undo && version == "1.4.1")
                    {
                        (version, processStart, ok, errors) = ("1.4.2", t, 0, 0);
                    }
                    else if (t >= undo && version == "1.4.2")
                    {
                        (version, processStart, ok, errors) = ("1.4.1", t, 0, 0);
                    }
                    else if (version == "1.4.2" && fleet.CrashEverySeconds is { } every && t - processStart >= every)
                    {
                        (processStart, ok, errors) = (t, 0, 0);
                    }

                    var leaked = version == "1.4.2" ? fleet.LeakMibPerMinute * (t - restart) / 60.0 : 0;
                    ok += 40 * Step * 0.998;
                    errors += 40 * Step * 0.002;
                    var at = t.ToString(CultureInfo.InvariantCulture);
                    memory.Append(CultureInfo.InvariantCulture, $"process_resident_memory_bytes{{{labels}}} {Math.Round((420 + leaked + (random.NextDouble() * 8)) * Mib)} {at}\n");
                    starts.Append(CultureInfo.InvariantCulture, $"process_start_time_seconds{{{labels}}} {processStart} {at}\n");
                    build.Append(CultureInfo.InvariantCulture, $"app_build_info{{{labels},version=\"{version}\"}} 1 {at}\n");
                    requests.Append(CultureInfo.InvariantCulture, $"http_requests_total{{{labels},code=\"200\"}} {Math.Round(ok)} {at}\n");
                    requests.Append(CultureInfo.InvariantCulture, $"http_requests_total{{{labels},code=\"500\"}} {Math.Round(errors)} {at}\n");
                }

                Family("process_resident_memory_bytes gauge").Append(memory);
                Family("process_start_time_seconds gauge").Append(starts);
                Family("app_build_info gauge").Append(build);
                Family("http_requests counter").Append(SortedBySeries(requests));
            }
        }

        var text = new StringBuilder();
        foreach (var (family, lines) in families)
        {
            text.Append("# TYPE ").Append(family).Append('\n').Append(lines);
        }

        return text.Append("# EOF\n").ToString();
    }

    /// <summary>OpenMetrics wants each series' samples together: the lines of one series, then the next.</summary>
    private static StringBuilder SortedBySeries(StringBuilder lines) =>
        new(string.Concat(lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select((line, index) => (line, index))
            .OrderBy(l => l.line[..l.line.IndexOf('}', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ThenBy(l => l.index)
            .Select(l => l.line + "\n")));
}
