namespace DeployVerifier.Tuning;

[TestClass]
public sealed class TuneSolverTests
{
    // Two settings on a log scale (strictness 0 is the original): errors' max and latency's max.
    private static readonly TuneSetting Errors = new("errors", SettingKind.Max, true, 0.01);
    private static readonly TuneSetting Latency = new("latency", SettingKind.Max, true, 0.25);

    private static Boundary Turns(double passUpTo, double failFrom) => new(passUpTo, failFrom);

    private static TuneSolver Solver(Dictionary<int, bool> bad, params Boundary[][] perSetting) =>
        new(new[] { Errors, Latency }.Take(perSetting.Length).ToList(),
            perSetting.Select(b => (IReadOnlyDictionary<int, Boundary>)b.Select((x, i) => (x, i)).ToDictionary(p => p.i, p => p.x)).ToList(), bad);

    [TestMethod]
    public void AValueThatAlreadySeparatesStaysWhereItIs()
    {
        // The good release turns at +1 (fails only if twice as strict); the bad one fails from −1 (caught already at 0).
        var solution = Solver(new() { [0] = false, [1] = true }, [Turns(1, 1.01), Turns(-1.01, -1)]).Solve();

        Assert.AreEqual(0, solution.Chosen[0]);
        CollectionAssert.AreEqual(new[] { 1 }, solution.Assigned[0].ToArray());
        Assert.IsEmpty(solution.Missed);
    }

    [TestMethod]
    public void ATooStrictValueMovesHalfwayBetweenTheClosestGoodAndTheClosestBadRelease()
    {
        // Goods fail unless 3 or 3.5 looser (strictness −3, −3.5); the bad one fails unless 5 looser: halfway is −4.
        var solution = Solver(new() { [0] = false, [1] = false, [2] = true },
            [Turns(-3, -2.99), Turns(-3.5, -3.49), Turns(-5.01, -5)]).Solve();

        Assert.AreEqual(-4.25, solution.Chosen[0], 1e-9);
        Assert.AreEqual(-3.5, solution.ClosestGood[0]);
    }

    [TestMethod]
    public void ABadReleaseGoesToTheSettingThatCatchesItWithTheLeastChange()
    {
        // Latency catches it 0.5 stricter, errors only 2 stricter: latency moves, errors stays.
        var bad = new Dictionary<int, bool> { [0] = false, [1] = true };
        var solution = Solver(bad, [Turns(4, 4.01), Turns(1.99, 2)], [Turns(3, 3.01), Turns(0.49, 0.5)]).Solve();

        Assert.AreEqual(0, solution.Chosen[0]);
        Assert.AreEqual((0.5 + 3) / 2, solution.Chosen[1], 1e-9);
        CollectionAssert.AreEqual(new[] { 1 }, solution.Assigned[1].ToArray());
    }

    [TestMethod]
    public void ABadReleaseNoValueSeparatesIsMissedWithTheClosestSetting()
    {
        // A good release fails from +1 on both; the bad one only from +2 on errors, +5 on latency.
        var solution = Solver(new() { [0] = false, [1] = true },
            [Turns(0.99, 1), Turns(1.99, 2)], [Turns(0.99, 1), Turns(4.99, 5)]).Solve();

        var missed = solution.Missed.Single();
        Assert.AreEqual(1, missed.Release);
        Assert.AreEqual(0, missed.Setting);
        Assert.AreEqual(2 - 0.99, missed.Gap, 1e-9);
    }

    /// <summary>A bad release with a deadline: fails from <paramref name="failFrom"/>, but by its deadline only from <paramref name="inTimeFrom"/>.</summary>
    private static Boundary Late(double failFrom, double inTimeFrom) =>
        new(failFrom - 0.01, failFrom) { InTimePassU = inTimeFrom - 0.01, InTimeFailU = inTimeFrom };

    [TestMethod]
    public void ADeadline_AValueThatCatchesTheBadReleaseOnlyLate_MovesToCatchItInTime()
    {
        // The good release turns at +3. The bad one fails already at the original (from −1), but by its deadline only from +1.5.
        var bad = new Dictionary<int, bool> { [0] = false, [1] = true };
        var withoutDeadline = Solver(bad, [Turns(3, 3.01), Turns(-1.01, -1)]).Solve();
        var withDeadline = Solver(bad, [Turns(3, 3.01), Late(-1, 1.5)]).Solve();

        Assert.AreEqual(0, withoutDeadline.Chosen[0], "caught as it stands");
        Assert.AreEqual((1.5 + 3) / 2, withDeadline.Chosen[0], 1e-9, "halfway between catching it in time and the good release");
        CollectionAssert.AreEqual(new[] { 1 }, withDeadline.Assigned[0].ToArray());
        Assert.IsEmpty(withDeadline.Missed);
    }

    [TestMethod]
    public void ADeadline_TheSettingThatCatchesInTimeIsChosen_NotTheOneThatCatchesLate()
    {
        // errors would catch it with no change, but only after its deadline; latency catches it in time, 0.5 stricter.
        var bad = new Dictionary<int, bool> { [0] = false, [1] = true };
        var solution = Solver(bad, [Turns(4, 4.01), Late(-1, double.PositiveInfinity)], [Turns(3, 3.01), Turns(0.49, 0.5)]).Solve();

        Assert.AreEqual(0, solution.Chosen[0]);
        CollectionAssert.AreEqual(new[] { 1 }, solution.Assigned[1].ToArray());
        Assert.IsEmpty(solution.Assigned[0]);
    }

    [TestMethod]
    public void ADeadline_NoValueCatchesItInTime_IsMissedAsLate()
    {
        // A good release fails from +1; the bad one fails from −1 (allowed), but by its deadline only from +2 (not allowed).
        var bad = new Dictionary<int, bool> { [0] = false, [1] = true };
        var solver = Solver(bad, [Turns(0.99, 1), Late(-1, 2)]);
        var solution = solver.Solve();

        var missed = solution.Missed.Single();
        Assert.AreEqual(1, missed.Release);
        Assert.AreEqual(0, missed.Setting);
        Assert.IsTrue(missed.Late, "a value the good release allows fails it, after its deadline");
        Assert.AreEqual(2 - 0.99, missed.Gap, 1e-9);
        Assert.IsFalse(solver.JudgedAsLabelled(1, [0.99]), "failed at +0.99, but not in time");
        Assert.IsTrue(solver.JudgedAsLabelled(1, [2]));
    }

    [TestMethod]
    public void AGoodReleaseThatFailsHoweverLooseIsUnfixable()
    {
        var solution = Solver(new() { [0] = false }, [new Boundary(double.NegativeInfinity, -9)]).Solve();

        CollectionAssert.AreEqual(new[] { 0 }, solution.Unfixable.ToArray());
        Assert.AreEqual(0, solution.Chosen[0]);
    }

    [TestMethod]
    public void WithoutABadReleaseATooStrictValueLeavesAMarginPastTheClosestGoodOne()
    {
        var solution = Solver(new() { [0] = false }, [Turns(-2, -1.99)]).Solve();

        Assert.AreEqual(-2 - Math.Log(1.5), solution.Chosen[0], 1e-9);
    }

    [TestMethod]
    public void LeavingOneOutSolvesWithoutThatRelease()
    {
        // Only release 1 forces the move; without it errors stays at its original.
        var solver = Solver(new() { [0] = false, [1] = false }, [Turns(1, 1.01), Turns(-2, -1.99)]);

        Assert.AreNotEqual(0, solver.Solve().Chosen[0]);
        Assert.AreEqual(0, solver.Solve(leftOut: 1).Chosen[0]);
        Assert.IsFalse(solver.JudgedAsLabelled(1, solver.Solve(leftOut: 1).Chosen));
        Assert.IsTrue(solver.JudgedAsLabelled(1, solver.Solve().Chosen));
    }

    [TestMethod]
    public void JudgedAsLabelledIsUnknownBetweenTheValuesTried()
    {
        var solver = Solver(new() { [0] = true }, [Turns(1, 2)]);

        Assert.IsNull(solver.JudgedAsLabelled(0, [1.5]));
        Assert.IsTrue(solver.JudgedAsLabelled(0, [2]));
        Assert.IsFalse(solver.JudgedAsLabelled(0, [1]));
    }
}
