using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Support;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class GitHubStatusReporterTests
{
    [TestMethod]
    public async Task Progressed_SamePassingWithinAMinute_Throttled()
    {
        var api = new RecordingStatusApi();
        var reporter = new GitHubStatusReporter(api);
        var schedule = Some.Schedule();

        reporter.Started(schedule, replaying: false);
        reporter.Progressed(Some.Progress(schedule, 1, passing: 2));
        reporter.Progressed(Some.Progress(schedule, 1, passing: 2));
        reporter.Progressed(Some.Progress(schedule, 2, passing: 2));
        reporter.Progressed(Some.Progress(schedule, 2, passing: 1));
        var (notes, warnings) = await reporter.FinishAsync(GitHubStatusState.Success, "passed: fine");

        CollectionAssert.AreEqual(
            new[]
            {
                "InProgress: soaking: 0 of 30 min, 59 evaluations ahead",
                "InProgress: soaking: 1 of 30 min, 2/2 checks passing",
                "InProgress: soaking: 2 of 30 min, 2/2 checks passing",
                "InProgress: soaking: 2 of 30 min, 1/2 checks passing",
                "Success: passed: fine",
            },
            api.Posted.ToArray());
        Assert.IsEmpty(warnings);
        StringAssert.Contains(notes.Single(), "posted 5 statuses to deployment 42");
    }

    [TestMethod]
    public async Task FinishAsync_LongReason_DescriptionTruncated()
    {
        var api = new RecordingStatusApi();

        await new GitHubStatusReporter(api).FinishAsync(GitHubStatusState.Failure, "failed: " + new string('x', 500));

        var description = api.Posted.Single()["Failure: ".Length..];
        Assert.HasCount(StatusDescription.MaxLength, description);
        StringAssert.EndsWith(description, "…");
    }

    [TestMethod]
    public async Task FinishAsync_ApiDown_WarnsOncePerStateAndStopsProgressPosts()
    {
        var reporter = new GitHubStatusReporter(new RecordingStatusApi { Fails = true });
        var schedule = Some.Schedule();

        reporter.Started(schedule, replaying: false);
        reporter.Progressed(Some.Progress(schedule, 5, passing: 1));
        var (notes, warnings) = await reporter.FinishAsync(GitHubStatusState.Error, "inconclusive: no data");

        Assert.IsEmpty(notes);
        CollectionAssert.AreEqual(
            new[]
            {
                "could not post the in_progress status to deployment 42: connection refused",
                "could not post the error status to deployment 42: connection refused",
            },
            warnings.ToArray());
    }
}
