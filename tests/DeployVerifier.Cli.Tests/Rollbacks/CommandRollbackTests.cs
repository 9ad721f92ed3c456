using System.Diagnostics;
using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Support;

namespace DeployVerifier.Rollbacks;

/// <summary>The rollback command as a real child process: its timeout must hold whatever the program leaves behind.</summary>
[TestClass]
public sealed class CommandRollbackTests
{
    private static readonly RollbackRequest Request = new("failed", ["restarts"], "restarts: 4 restarts", Some.DeployedAt, Some.DeployedAt.AddMinutes(5));

    private readonly StringWriter _log = new();

    public TestContext TestContext { get; set; } = null!;

    /// <summary>A sleep whose length no other process uses, so the test can find (and end) exactly the ones it started.</summary>
    private static string UniqueSleep() => (600 + Random.Shared.Next(1, 99_999) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    private async Task<(RollbackActionResult Result, TimeSpan Elapsed)> RunAsync(string script, TimeSpan timeout)
    {
        var command = new RollbackCommand("sh", ["-c", script], timeout, null);
        var watch = Stopwatch.StartNew();
        var result = await new CommandRollback(command, _log, new ProcessEnvironment(), TimeProvider.System).RunAsync(Request, TestContext.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken);
        return (result, watch.Elapsed);
    }

    /// <summary>The processes whose command line holds <paramref name="marker"/>.</summary>
    private static List<int> ProcessesWith(string marker) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0 && ReadCommandLine(pid).Contains(marker, StringComparison.Ordinal))];

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static void End(string marker)
    {
        foreach (var pid in ProcessesWith(marker))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
    }

    [TestMethod]
    public async Task RunAsync_ChildKeepsTheOutputOpenAfterTheProgramExits_ReturnsAtTheTimeout()
    {
        var sleep = UniqueSleep();
        try
        {
            var (result, elapsed) = await RunAsync($"sleep {sleep} & echo started", TimeSpan.FromSeconds(2));

            Assert.IsLessThan(TimeSpan.FromSeconds(6), elapsed, result.Detail);
            StringAssert.Contains(result.Detail, "exited 0");
            StringAssert.Contains(result.Detail, "still held its output at the timeout (2s)");
            StringAssert.Contains(_log.ToString(), "rollback | started");
        }
        finally
        {
            End(sleep);
        }
    }

    [TestMethod]
    public async Task RunAsync_ProgramAndItsChildOverrun_WholeTreeKilledAtTheTimeout()
    {
        var sleep = UniqueSleep();
        try
        {
            var (result, elapsed) = await RunAsync($"sleep {sleep} & sleep {sleep}", TimeSpan.FromSeconds(2));

            Assert.IsLessThan(TimeSpan.FromSeconds(6), elapsed, result.Detail);
            Assert.IsFalse(result.Succeeded);
            StringAssert.Contains(result.Detail, "timed out after 2s and was killed");
            await Task.Delay(500, TestContext.CancellationToken);
            Assert.IsEmpty(ProcessesWith(sleep), "the child was killed with the program");
        }
        finally
        {
            End(sleep);
        }
    }

    [TestMethod]
    public async Task RunAsync_DaemonisingChildHoldsTheOutput_ReturnsAtTheTimeout()
    {
        var sleep = UniqueSleep();
        try
        {
            var (result, elapsed) = await RunAsync($"setsid sh -c 'sleep {sleep}' & sleep 0.2; echo detached", TimeSpan.FromSeconds(2));

            Assert.IsLessThan(TimeSpan.FromSeconds(6), elapsed, result.Detail);
            StringAssert.Contains(result.Detail, "still held its output at the timeout (2s)");
        }
        finally
        {
            End(sleep);
        }
    }

    [TestMethod]
    public async Task RunAsync_ProgramExitsWithItsOutputClosed_ExitCodeDecides()
    {
        var (result, _) = await RunAsync("echo done; exit 3", TimeSpan.FromSeconds(30));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Detail, "exited 3 after");
        StringAssert.Contains(_log.ToString(), "rollback | done");
    }

    [TestMethod]
    public async Task RunAsync_Environment_BaseVariablesPassEnvAndVerdictOnly()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string>
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = "/home/verifier",
            ["KUBECONFIG"] = "/etc/kube/config",
            ["GH_TOKEN"] = "gh-token-passed",
            ["GITHUB_TOKEN"] = "ghs_not-passed",
            ["SYSTEM_ACCESSTOKEN"] = "azp-not-passed",
            ["DEPLOY_VERIFIER_CHECKLIST"] = "checks.yml",
        });
        var command = new RollbackCommand("env", [], TimeSpan.FromSeconds(30), null) { PassEnv = ["GH_TOKEN", "NOT_SET"] };

        var result = await new CommandRollback(command, _log, environment, TimeProvider.System).RunAsync(Request, TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, result.Detail);
        var names = _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Replace("  rollback | ", "", StringComparison.Ordinal).Split('=')[0]).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(
            new[] { "DEPLOY_VERIFIER_DEPLOYED_AT", "DEPLOY_VERIFIER_FAILED_CHECKS", "DEPLOY_VERIFIER_REASON", "DEPLOY_VERIFIER_VERDICT", "GH_TOKEN", "HOME", "KUBECONFIG", "PATH" },
            names, _log.ToString());
        StringAssert.Contains(_log.ToString(), "GH_TOKEN=gh-token-passed");
    }
}
