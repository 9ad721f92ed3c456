namespace DeployVerifier.Testing;

/// <summary>
/// Finds <c>prometheus</c> and <c>promtool</c> on PATH and, where they are missing, installs Debian's
/// <c>prometheus</c> package with apt-get (running <c>apt-get update</c> first if the install fails). Debian's
/// package may also start a Prometheus service; nothing here relies on it.
/// </summary>
public static class PrometheusInstaller
{
    private static readonly Lock Gate = new();
    private static PrometheusBinaries? _binaries;

    /// <summary>The binaries, installing them once per process if needed; safe to call from parallel tests.</summary>
    /// <exception cref="InvalidOperationException">They are missing and could not be installed.</exception>
    public static PrometheusBinaries EnsureInstalled()
    {
        lock (Gate)
        {
            return _binaries ??= FindOnPath() ?? Install();
        }
    }

    /// <summary>The binaries on PATH, or null if either is missing.</summary>
    public static PrometheusBinaries? FindOnPath()
    {
        var prometheus = FindExecutable("prometheus");
        var promtool = FindExecutable("promtool");
        return prometheus is not null && promtool is not null ? new PrometheusBinaries(prometheus, promtool) : null;
    }

    private static PrometheusBinaries Install()
    {
        var aptGet = FindExecutable("apt-get") ?? throw new InvalidOperationException(
            "prometheus and promtool are not on PATH, and apt-get is not there to install them: " +
            "install Prometheus 2.x (Debian package 'prometheus') or run scripts/ensure-prometheus.sh.");
        string[] install = ["install", "-y", "--no-install-recommends", "prometheus"];
        if (AptGet(aptGet, install).ExitCode != 0)
        {
            var update = AptGet(aptGet, ["update"]);
            if (update.ExitCode != 0)
            {
                throw new InvalidOperationException($"Installing Prometheus failed: {update.Describe("apt-get update")}");
            }

            var retry = AptGet(aptGet, install);
            if (retry.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Installing Prometheus failed: {retry.Describe("apt-get install prometheus")}");
            }
        }

        return FindOnPath() ?? throw new InvalidOperationException(
            "apt-get installed 'prometheus', but prometheus or promtool is still not on PATH.");
    }

    private static ProcessRunner.Result AptGet(string aptGet, string[] arguments) =>
        ProcessRunner.RunAsync(
                aptGet,
                arguments,
                CancellationToken.None,
                new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" })
            .GetAwaiter()
            .GetResult();

    private static string? FindExecutable(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
