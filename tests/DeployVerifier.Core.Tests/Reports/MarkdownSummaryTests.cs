using DeployVerifier.Reports;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class MarkdownSummaryTests
{
    private static string Write(SoakOutcome outcome, RollbackOutcome? rollback = null) =>
        MarkdownSummary.Write(new ReportContext(outcome, rollback ?? RollbackOutcome.NotAttempted("not needed: the verdict is passed"), false,
            "http://prometheus:9090/", 7, "1.2.3"));

    [TestMethod]
    public async Task Write_Failed_PutsTheVerdictThenWhyThenTheRows()
    {
        var text = Write(await Outcomes.RunAsync(crashLoop: true), new RollbackOutcome(true, false, "command 'kubectl' exited 1", []));
        var lines = text.Split('\n');

        StringAssert.StartsWith(lines[0], "## ❌ Release failed verification");
        StringAssert.Contains(text, "- **restarts**: checkout-abc-x8k2p: 2 is above the maximum 0, failing since 13:48:00 UTC (3 min after the deploy)");
        StringAssert.Contains(text, "| restarts | ❌ failed (tolerance) | ≤ 0 | 2 (checkout-abc-x8k2p) | 2 | 4 passed, 1 failed |");
        StringAssert.Contains(text, "**Rollback:** **failed**: command 'kubectl' exited 1");
        StringAssert.Contains(text, "| errors | ⏸️ not finished |", "a check cut short by another's failure is not called inconclusive");
        Assert.IsLessThan(text.IndexOf("| Check |", StringComparison.Ordinal), text.IndexOf("**restarts**", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Write_Passed_SaysHowCloseEachCheckCame()
    {
        var text = Write(await Outcomes.RunAsync(crashLoop: false));

        StringAssert.StartsWith(text, "## ✅ Release verified: passed");
        StringAssert.Contains(text, "- **errors**: closest at");
        StringAssert.Contains(text, "**Rollback:** not needed");
    }

    [TestMethod]
    public async Task Write_WarnSeverityFailure_PassesWithTheWarningListedApart()
    {
        var text = Write(await Outcomes.WarnedAsync());

        StringAssert.StartsWith(text, "## ✅ Release verified: passed");
        StringAssert.Contains(text, "**Warnings** (severity warn: reported, never blocking):");
        StringAssert.Contains(text, "- ⚠️ errors (severity warn, not blocking): 2% is above the maximum 1%");
        StringAssert.Contains(text, "| errors | ⚠️ failed (tolerance), warn only |");
        Assert.IsFalse(text.Contains("- **errors**", StringComparison.Ordinal), "a warned check is not among the reasons for the verdict");
    }

    [TestMethod]
    public async Task Write_Leak_ExplainsItInWordsAReleaseManagerCanActOn()
    {
        var text = Write(await Outcomes.LeakAsync());

        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(
            @"\*\*memory-leak\*\*: checkout-abc-x8k2p: rising \d+(\.\d+)? MiB/min at \d+ MiB, reaches its 1 GiB limit in ~\d+ min"));
    }
}
