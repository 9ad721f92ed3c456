namespace DeployVerifier.Testing;

/// <summary>
/// Finds executables on PATH and installs Debian packages with apt-get (running <c>apt-get update</c> first if the
/// install fails). Installs are serialised process-wide: dpkg allows one at a time, and fixtures start in parallel.
/// </summary>
internal static class DebianPackage
{
    private static readonly Lock AptGate = new();

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindExecutable(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Installs <paramref name="package"/> without its recommendations.</summary>
    /// <param name="package">The Debian package name.</param>
    /// <param name="missing">What is missing, for the error when apt-get is not there, e.g. "prometheus and promtool are".</param>
    /// <param name="advice">What to do instead, for the same error.</param>
    /// <exception cref="InvalidOperationException">apt-get is missing or failed.</exception>
    public static void Install(string package, string missing, string advice)
    {
        var aptGet = FindExecutable("apt-get") ?? throw new InvalidOperationException(
            $"{missing} not on PATH, and apt-get is not there to install them: {advice}");
        lock (AptGate)
        {
            string[] install = ["install", "-y", "--no-install-recommends", package];
            if (AptGet(aptGet, install).ExitCode == 0)
            {
                return;
            }

            var update = AptGet(aptGet, ["update"]);
            if (update.ExitCode != 0)
            {
                throw new InvalidOperationException($"Installing {package} failed: {update.Describe("apt-get update")}");
            }

            var retry = AptGet(aptGet, install);
            if (retry.ExitCode != 0)
            {
                throw new InvalidOperationException($"Installing {package} failed: {retry.Describe($"apt-get install {package}")}");
            }
        }
    }

    private static ProcessRunner.Result AptGet(string aptGet, string[] arguments) =>
        ProcessRunner.RunAsync(
                aptGet,
                arguments,
                CancellationToken.None,
                new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" })
            .GetAwaiter()
            .GetResult();
}
