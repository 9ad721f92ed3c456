using DeployVerifier.Cli;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Verdicts;

namespace DeployVerifier;

[TestClass]
public sealed class ExitCodesTests
{
    [TestMethod]
    [DataRow(Verdict.Passed, false, 0, false)]
    [DataRow(Verdict.Passed, true, 0, false)]
    [DataRow(Verdict.Failed, true, 1, false)]
    [DataRow(Verdict.Inconclusive, false, 3, false)]
    [DataRow(Verdict.Inconclusive, true, 0, true)]
    public void From_VerdictAndPolicy(Verdict verdict, bool warn, int code, bool warned)
    {
        var (exit, inconclusiveWarned) = ExitCodes.From(verdict, warn ? InconclusivePolicy.Warn : InconclusivePolicy.Fail);

        Assert.AreEqual(code, (int)exit);
        Assert.AreEqual(warned, inconclusiveWarned);
    }
}
