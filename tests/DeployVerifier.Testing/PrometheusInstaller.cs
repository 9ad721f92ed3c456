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
        var prometheus = DebianPackage.FindExecutable("prometheus");
        var promtool = DebianPackage.FindExecutable("promtool");
        return prometheus is not null && promtool is not null ? new PrometheusBinaries(prometheus, promtool) : null;
    }

    private static PrometheusBinaries Install()
    {
        DebianPackage.Install(
            "prometheus",
            "prometheus and promtool are",
            "install Prometheus 2.x (Debian package 'prometheus') or run scripts/ensure-prometheus.sh.");
        return FindOnPath() ?? throw new InvalidOperationException(
            "apt-get installed 'prometheus', but prometheus or promtool is still not on PATH.");
    }
}
