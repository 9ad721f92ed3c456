using DeployVerifier.Analysis;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class BoundedLeastSquaresTests
{
    // y = 1 + 2x at x = 0..4: n = 5, Σx = 10, Σx² = 30, Σy = 25, Σxy = 70, Σy² = 165.
    private static double Solve(double lowerSlope, double upperSlope, double[] beta) =>
        BoundedLeastSquares.Solve([5, 10, 10, 30], [25, 70], 165, [double.NegativeInfinity, lowerSlope], [double.PositiveInfinity, upperSlope], beta);

    [TestMethod]
    public void Solve_BoundNotReached_IsOrdinaryLeastSquares()
    {
        var beta = new double[2];

        var sse = Solve(0, double.PositiveInfinity, beta);

        Assert.AreEqual(0, sse, 1e-9);
        Assert.AreEqual(1, beta[0], 1e-9);
        Assert.AreEqual(2, beta[1], 1e-9);
    }

    [TestMethod]
    public void Solve_BoundBinds_HoldsTheCoefficientAtItsBound()
    {
        var beta = new double[2];

        var sse = Solve(double.NegativeInfinity, 1, beta);

        Assert.AreEqual(1, beta[1], 1e-9);
        Assert.AreEqual(3, beta[0], 1e-9, "the intercept refits with the slope held: mean(y − x) = 5 − 2");
        Assert.AreEqual(10, sse, 1e-9);
    }
}
