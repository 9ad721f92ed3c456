namespace DeployVerifier.Testing;

/// <summary>
/// Finds <c>victoria-metrics</c> (the single-node server) on PATH and, where it is missing, installs Debian's
/// <c>victoria-metrics</c> package with apt-get. Debian's package may also start a service on :8428; nothing here
/// relies on it.
/// </summary>
public static class VictoriaMetricsInstaller
{
    private static readonly Lock Gate = new();
    private static string? _binary;

    /// <summary>The path of <c>victoria-metrics</c>, installing it once per process if needed; safe to call from parallel tests.</summary>
    /// <exception cref="InvalidOperationException">It is missing and could not be installed.</exception>
    public static string EnsureInstalled()
    {
        lock (Gate)
        {
            return _binary ??= FindOnPath() ?? Install();
        }
    }

    /// <summary>The path of <c>victoria-metrics</c> on PATH, or null.</summary>
    public static string? FindOnPath() => DebianPackage.FindExecutable("victoria-metrics");

    private static string Install()
    {
        DebianPackage.Install(
            "victoria-metrics",
            "victoria-metrics is",
            "install VictoriaMetrics single node (Debian package 'victoria-metrics').");
        return FindOnPath() ?? throw new InvalidOperationException(
            "apt-get installed 'victoria-metrics', but victoria-metrics is still not on PATH.");
    }
}
