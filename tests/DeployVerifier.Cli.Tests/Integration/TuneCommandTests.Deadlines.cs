namespace DeployVerifier.Integration;

/// <summary><c>tune</c> with a deadline on a label (<c>failed within 1m</c>), on the history of <see cref="TuneCommandTests"/>.</summary>
public sealed partial class TuneCommandTests
{
    [TestMethod]
    public async Task Tune_ABadReleaseNoCheckFailsByItsDeadline_Exits1NamingItAndWhenTheClosestCheckFailedIt()
    {
        // Every check of r1-error-spike waits 2 min before its first look: nothing can fail it within 1 min, and error-ratio fails it later.
        var workspace = Workspace(KnownReleases(k => k == 1 ? "failed within 1m" : null));

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "tuned.yml");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var missed = result.Output.Split('\n').Where(l => l.StartsWith("Not separable:", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, missed.Count, result.ToString());
        StringAssert.StartsWith(missed[0], "Not separable: r1-error-spike (labelled bad within 1m) is failed by its deadline at no value that passes the good releases; closest: error-ratio failed it at +");
        StringAssert.Contains(missed[0], ", after its 1m deadline, with max below about ");
        StringAssert.Contains(result.Output, "; 10 of 11 tuned.", "every other release is judged as labelled");

        // backtest agrees: the tuned copy fails r1-error-spike, too late.
        var tuned = await Run(workspace, null, "backtest", "tuned.yml", "--releases", "releases.txt");
        Assert.AreEqual(1, tuned.ExitCode, tuned.ToString());
        var late = tuned.Output.Split('\n').Single(l => l.Contains("DISAGREES", StringComparison.Ordinal));
        StringAssert.Contains(late, "r1-error-spike: failed after ");
        StringAssert.Contains(late, "DISAGREES: expected failed within 1m (failed at +");

        // tune's time is at the strictest value the good releases allow: no later than the tuned copy's.
        Assert.IsTrue(Quantities.PromDuration.TryParse(missed[0].Split("failed it at +")[1].Split(',')[0], out var closest), missed[0]);
        Assert.IsTrue(Quantities.PromDuration.TryParse(late.Split("(failed at +")[1].Split(',')[0], out var copy), late);
        Assert.IsTrue(closest > TimeSpan.FromMinutes(1) && closest <= copy, $"{closest} after the 1m deadline, {copy} with the tuned copy");
    }
}
