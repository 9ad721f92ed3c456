using DeployVerifier.Reports;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class MarkdownSummaryTests
{
    private static string Write(SoakOutcome outcome, RollbackOutcome? rollback = null, Releases.ReleaseSubject? subject = null) =>
        MarkdownSummary.Write(new ReportContext(outcome, rollback ?? RollbackOutcome.NotAttempted("not needed: the verdict is passed"), false,
            "http://prometheus:9090/", 7, "1.2.3") { Subject = subject });

    [TestMethod]
    public async Task Write_Failed_PutsTheVerdictThenWhyThenTheRows()
    {
        var text = Write(await Outcomes.RunAsync(crashLoop: true), new RollbackOutcome(true, false, "command 'kubectl' exited 1", []));
        var lines = text.Split('\n');

        StringAssert.StartsWith(lines[0], "## ❌ Release failed verification");
        StringAssert.Contains(text, "- **restarts**: checkout-abc-x8k2p: 2 is above the maximum 0, failing since 13:48:00 UTC (3 min after the deploy)");
        StringAssert.Contains(text, "| restarts | ❌ failed (on its first failure) | ≤ 0 | 2 (checkout-abc-x8k2p) | 2 | 4 passed, 1 failed |",
            "a tolerance of 0 is told as failing on the first failure, not as '(tolerance)'");
        StringAssert.Contains(text, "**Rollback:** **failed**: command 'kubectl' exited 1");
        StringAssert.Contains(text, "| errors | ⏸️ inconclusive (soak stopped first) |", "a check cut short by another's failure has the JSON report's word");
        Assert.IsLessThan(text.IndexOf("| Check |", StringComparison.Ordinal), text.IndexOf("**restarts**", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Write_Passed_SaysHowCloseEachCheckCame()
    {
        var text = Write(await Outcomes.RunAsync(crashLoop: false));

        StringAssert.StartsWith(text, "## ✅ Release passed verification");
        StringAssert.Contains(text, "- **errors**: closest at");
        StringAssert.Contains(text, "**Rollback:** not needed");
    }

    [TestMethod]
    public async Task Write_WarnSeverityFailure_PassesWithTheWarningListedApart()
    {
        var text = Write(await Outcomes.WarnedAsync());

        StringAssert.StartsWith(text, "## ✅ Release passed verification");
        StringAssert.Contains(text, "**Warnings** (severity warn: reported, never blocking):");
        StringAssert.Contains(text, "- ⚠️ errors (severity warn, not blocking): 2% is above the maximum 1%");
        StringAssert.Contains(text, "| errors | ⚠️ failed (2 failures in a row), warn only |");
        Assert.IsFalse(text.Contains("- **errors**", StringComparison.Ordinal), "a warned check is not among the reasons for the verdict");
    }

    [TestMethod]
    public async Task Write_Leak_ExplainsItInWordsAReleaseManagerCanActOn()
    {
        var text = Write(await Outcomes.LeakAsync());
        var reason = text.Split('\n').Single(l => l.StartsWith("- **memory-leak**", StringComparison.Ordinal));

        StringAssert.Matches(reason, new System.Text.RegularExpressions.Regex(
            @"^- \*\*memory-leak\*\*: checkout-abc-x8k2p: grows \d+(\.\d+)? MiB/min \(now \d+ MiB\); the only pod reaches its 1 GiB limit at about \d\d:\d\d: the service would be down then, failing since"));
        Assert.IsFalse(reason.Contains("statistic", StringComparison.Ordinal) || reason.Contains(" to ", StringComparison.Ordinal),
            $"the first sentence carries no statistics: {reason}");
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"\n  - details: checkout-abc-x8k2p: limit in ~\d+ min"));
    }

    [TestMethod]
    public async Task Write_Subject_HeadlineNamesTheServiceItsNamespaceAndTheRelease()
    {
        var text = Write(await Outcomes.RunAsync(crashLoop: true), subject: new Releases.ReleaseSubject("checkout", "shop", null, "checkout-hnmc79zn8"));

        StringAssert.StartsWith(text, "## ❌ checkout (namespace shop): release checkout-hnmc79zn8 failed verification\n");
    }

    [TestMethod]
    public async Task Write_JobInsteadOfNamespace_HeadlineNamesTheJob()
    {
        var text = Write(await Outcomes.RunAsync(crashLoop: false), subject: new Releases.ReleaseSubject("api", null, "edge", null));

        StringAssert.StartsWith(text, "## ✅ api (job edge): the release passed verification\n");
    }
}
