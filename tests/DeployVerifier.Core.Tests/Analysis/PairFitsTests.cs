namespace DeployVerifier.Analysis;

[TestClass]
public sealed class PairFitsTests
{
    [TestMethod]
    public void Solve_GivesTheScalarFitsBitForBit()
    {
        var random = new Random(20261207);
        // 103 pairs: not a multiple of the vector width, so the tail runs one at a time too.
        const int count = 103;
        // A first column of zeros, one so small its pair cannot be pivoted on (a settling died away), and ordinary ones.
        foreach (var first in new[] { 0.0, 1e-200, 1e-30, 1e-3, 2.5, 1e6 })
        {
            var g01 = new double[count];
            var g11 = new double[count];
            var r1 = new double[count];
            for (var h = 0; h < count; h++)
            {
                g11[h] = h % 17 == 0 ? 0 : random.NextDouble() * 5;
                g01[h] = (h % 11) switch { 0 => Math.Sqrt(first * g11[h]), 1 => -Math.Sqrt(first * g11[h]) * 0.99, _ => (random.NextDouble() - 0.3) * Math.Sqrt(first * g11[h]) };
                r1[h] = h % 13 == 0 ? 0 : (random.NextDouble() - 0.4) * 4;
            }

            var r0 = first == 0 ? 0 : 1.7;
            var sse = new double[count];
            var b0 = new double[count];
            var b1 = new double[count];
            PairFits.Solve(first, r0, g01, g11, r1, 30, sse, b0, b1);

            for (var h = 0; h < count; h++)
            {
                double x0 = 0, x1 = 0;
                var expected = BoundedLeastSquares.SolveNonNegative(first, g01[h], g11[h], r0, r1[h], 30, ref x0, ref x1);
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(sse[h]), $"first {first}, pair {h}: residual {expected} vs {sse[h]}");
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(x0), BitConverter.DoubleToInt64Bits(b0[h]), $"first {first}, pair {h}: first coefficient");
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(x1), BitConverter.DoubleToInt64Bits(b1[h]), $"first {first}, pair {h}: second coefficient");
            }
        }
    }
}
