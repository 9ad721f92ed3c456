namespace DeployVerifier.Testing;

/// <summary>
/// Finds <c>prometheus-alertmanager</c> on PATH and, where it is missing, installs Debian's <c>prometheus-alertmanager</c>
/// package with apt-get (running <c>apt-get update</c> first if the install fails). Debian's package may also start an
/// Alertmanager service on :9093; nothing here relies on it.
/// </summary>
public static class AlertmanagerInstaller
{
    private static readonly Lock Gate = new();
    private static string? _binary;

    /// <summary>The binary, installing it once per process if needed; safe to call from parallel tests.</summary>
    /// <exception cref="InvalidOperationException">It is missing and could not be installed.</exception>
    public static string EnsureInstalled()
    {
        lock (Gate)
        {
            return _binary ??= DebianPackage.FindExecutable("prometheus-alertmanager") ?? Install();
        }
    }

    private static string Install()
    {
        DebianPackage.Install(
            "prometheus-alertmanager",
            "prometheus-alertmanager is",
            "install Alertmanager (Debian package 'prometheus-alertmanager') or run scripts/ensure-prometheus.sh.");
        return DebianPackage.FindExecutable("prometheus-alertmanager") ?? throw new InvalidOperationException(
            "apt-get installed 'prometheus-alertmanager', but it is still not on PATH.");
    }
}
