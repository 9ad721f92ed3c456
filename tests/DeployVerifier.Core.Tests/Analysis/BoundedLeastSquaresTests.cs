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

    [TestMethod]
    public void SolveNonNegative_AgreesWithSolveOnRandomAndSingularSystems()
    {
        var random = new Random(20261207);
        var lower = new double[] { 0, 0 };
        var upper = new double[] { double.PositiveInfinity, double.PositiveInfinity };
        var bound = 0;
        for (var trial = 0; trial < 2000; trial++)
        {
            // Two columns of six points, the second sometimes a multiple of the first or zero (a singular Gram matrix).
            var n = 6;
            var a = new double[n];
            var b = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                a[i] = random.NextDouble() * 4 - 1;
                b[i] = (trial % 5) switch { 0 => 2.5 * a[i], 1 => 0, _ => random.NextDouble() * 4 - 1 };
                y[i] = random.NextDouble() * 6 - 3;
            }

            double g00 = 0, g01 = 0, g11 = 0, r0 = 0, r1 = 0, yy = 0;
            for (var i = 0; i < n; i++)
            {
                g00 += a[i] * a[i];
                g01 += a[i] * b[i];
                g11 += b[i] * b[i];
                r0 += a[i] * y[i];
                r1 += b[i] * y[i];
                yy += y[i] * y[i];
            }

            var expected = new double[2];
            var expectedSse = BoundedLeastSquares.Solve([g00, g01, g01, g11], [r0, r1], yy, lower, upper, expected);
            double b0 = 0, b1 = 0;
            var sse = BoundedLeastSquares.SolveNonNegative(g00, g01, g11, r0, r1, yy, ref b0, ref b1);

            Assert.AreEqual(expectedSse, sse, 1e-12 * (1 + yy), $"trial {trial}: residual");
            Assert.AreEqual(expected[0], b0, 1e-12, $"trial {trial}: first coefficient");
            Assert.AreEqual(expected[1], b1, 1e-12, $"trial {trial}: second coefficient");
            bound += b0 == 0 || b1 == 0 ? 1 : 0;
        }

        Assert.IsTrue(bound > 200, $"the bounds bound in {bound} of 2000 trials: too few to test the held candidates");
    }
}
