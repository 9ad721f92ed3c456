namespace DeployVerifier.Tuning;

[TestClass]
public sealed class BoundaryTests
{
    private static readonly double[] Grid = [.. Enumerable.Range(0, 101).Select(i => (double)i)];

    [TestMethod]
    [DataRow(37)]
    [DataRow(1)]
    [DataRow(100)]
    public async Task FindsWhereTheReleaseTurnsInAboutLog2Steps(int turnsAt)
    {
        var asked = 0;
        var boundary = await Boundary.FindAsync(Grid, u =>
        {
            asked++;
            return Task.FromResult(u >= turnsAt);
        });

        Assert.AreEqual(turnsAt - 1, boundary.PassU);
        Assert.AreEqual(turnsAt, boundary.FailU);
        Assert.IsLessThanOrEqualTo(2 + 7, asked, "both ends, then a bisection of 101 values");
    }

    [TestMethod]
    public async Task AReleaseThatNeverOrAlwaysFailsSaysSo()
    {
        var never = await Boundary.FindAsync(Grid, _ => Task.FromResult(false));
        var always = await Boundary.FindAsync(Grid, _ => Task.FromResult(true));

        Assert.IsTrue(never.NeverFails);
        Assert.IsFalse(never.AlwaysFails);
        Assert.IsTrue(always.AlwaysFails);
        Assert.AreEqual(0, always.FailU);
    }

    [TestMethod]
    public async Task WithADeadline_FindsWhereItFailsAndWhereItFailsInTime_AskingEachValueOnce()
    {
        // Fails from 30 on; by its deadline only from 70 on (a stricter value fails it sooner).
        var asked = new List<double>();
        var boundary = await Boundary.FindAsync(Grid, u =>
        {
            asked.Add(u);
            return Task.FromResult((Fails: u >= 30, InTime: u >= 70));
        });

        Assert.AreEqual((29.0, 30.0), (boundary.PassU, boundary.FailU));
        Assert.AreEqual((69.0, 70.0), (boundary.InTimePassU, boundary.InTimeFailU));
        Assert.AreEqual(asked.Count, asked.Distinct().Count(), "the two bisections share their answers");
    }

    [TestMethod]
    public async Task WithADeadline_AReleaseFailedOnlyLate_NeverInTime()
    {
        var boundary = await Boundary.FindAsync(Grid, u => Task.FromResult((Fails: u >= 30, InTime: false)));

        Assert.IsFalse(boundary.NeverFails);
        Assert.IsTrue(boundary.NeverInTime);
        Assert.AreEqual(5, new Boundary(4, 5).InTimeFailU, "without a deadline, in time is the plain boundary");
    }
}
