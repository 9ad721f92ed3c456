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
}
