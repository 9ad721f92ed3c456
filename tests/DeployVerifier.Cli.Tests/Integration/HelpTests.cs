using DeployVerifier.Cli;

namespace DeployVerifier.Integration;

/// <summary><c>--help</c> as a user sees it: no copyright boilerplate, and each verb's exit codes after its flags.</summary>
[TestClass]
public sealed class HelpTests
{
    [TestMethod]
    [DataRow("verify")]
    [DataRow("validate")]
    [DataRow("plan")]
    [DataRow("backtest")]
    [DataRow("merge-backtests")]
    [DataRow("init")]
    public async Task VerbHelp_HasNoCopyright_AndEndsWithItsExitCodes(string verb)
    {
        var result = await DeployVerifierProcess.RunAsync([verb, "--help"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.DoesNotContain("Copyright", result.Output);
        Assert.DoesNotContain("(C)", result.Output);
        StringAssert.StartsWith(result.Output, $"deploy-verifier {ToolInfo.Version}: {verb}");
        var exitCodes = result.Output.IndexOf("Exit codes:", StringComparison.Ordinal);
        Assert.IsGreaterThan(result.Output.IndexOf("--help", StringComparison.Ordinal), exitCodes, $"the exit codes come after the flags:\n{result.Output}");
        StringAssert.Contains(result.Output, "  0 ");
        StringAssert.Contains(result.Output, "  4 internal error");
    }

    [TestMethod]
    public async Task VerifyHelp_ListsEveryExitCodeWithItsMeaning()
    {
        var result = await DeployVerifierProcess.RunAsync(["verify", "--help"]);

        var lines = result.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        foreach (var (code, meaning) in new[] { (ExitCode.Passed, "passed"), (ExitCode.Failed, "failed"), (ExitCode.InvalidInput, "invalid input"),
            (ExitCode.Inconclusive, "inconclusive"), (ExitCode.InternalError, "internal error") })
        {
            Assert.IsTrue(lines.Any(l => l.StartsWith($"  {(int)code} {meaning}", StringComparison.Ordinal)), $"no line '  {(int)code} {meaning}':\n{result.Output}");
        }

        StringAssert.Contains(result.Output, "--no-rollback");
    }

    [TestMethod]
    public void HelpExitCodes_Verify_CoversEveryExitCode()
    {
        var lines = HelpExitCodes.For("verify");

        foreach (var code in Enum.GetValues<ExitCode>())
        {
            Assert.IsTrue(lines.Any(l => l.StartsWith($"  {(int)code} ", StringComparison.Ordinal)), $"{code} ({(int)code}) is not in verify's help");
        }
    }

    [TestMethod]
    public async Task Overview_HasTheExitCodes_AndNoCopyright()
    {
        var result = await DeployVerifierProcess.RunAsync(["--help"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "Exit codes (verify): 0 passed, 1 failed, 2 invalid input, 3 inconclusive, 4 internal error");
        Assert.DoesNotContain("Copyright", result.Output);
    }
}
