using System.Runtime.Intrinsics;

namespace DeployVerifier.Analysis;

/// <summary>
/// <see cref="BoundedLeastSquares.SolveNonNegative"/> for one column against many (the leak test's settling against
/// every warm-up or onset column). The free fits are worked out four at a time with the scalar path's operations in
/// its order (so to the same bits); a pair whose free fit is singular, out of bounds or exact goes through the whole
/// candidate list, one at a time.
/// </summary>
internal static class PairFits
{
    /// <summary>Fits the first column with each second column h.</summary>
    /// <param name="g00">The first column's sum of squares.</param>
    /// <param name="r0">The first column's dot product with y.</param>
    /// <param name="g01">Per pair, the two columns' dot product.</param>
    /// <param name="g11">Per pair, the second column's sum of squares.</param>
    /// <param name="r1">Per pair, the second column's dot product with y.</param>
    /// <param name="yy">yᵀy.</param>
    /// <param name="sse">Receives each pair's residual sum of squares.</param>
    /// <param name="b0">Receives each pair's first coefficient.</param>
    /// <param name="b1">Receives each pair's second coefficient.</param>
    public static void Solve(double g00, double r0, ReadOnlySpan<double> g01, ReadOnlySpan<double> g11, ReadOnlySpan<double> r1, double yy,
        Span<double> sse, Span<double> b0, Span<double> b1)
    {
        var h = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; h + Vector256<double>.Count <= g01.Length; h += Vector256<double>.Count)
            {
                Vector256<double> x0, x1, residual;
                // A first column of zeros (a settling that has died away) solves no free fit: each is the second column's alone.
                var solved = g00 != 0
                    ? Free(g00, r0, Vector256.Create(g01[h..]), Vector256.Create(g11[h..]), Vector256.Create(r1[h..]), yy, out x0, out x1, out residual)
                    : SecondAlone(Vector256.Create(g01[h..]), Vector256.Create(g11[h..]), Vector256.Create(r1[h..]), yy, out x0, out x1, out residual);
                residual.CopyTo(sse[h..]);
                x0.CopyTo(b0[h..]);
                x1.CopyTo(b1[h..]);
                if (solved.ExtractMostSignificantBits() != (1u << Vector256<double>.Count) - 1)
                {
                    for (var lane = 0; lane < Vector256<double>.Count; lane++)
                    {
                        if (solved.GetElement(lane) == 0)
                        {
                            One(g00, r0, g01, g11, r1, yy, sse, b0, b1, h + lane);
                        }
                    }
                }
            }
        }

        for (; h < g01.Length; h++)
        {
            One(g00, r0, g01, g11, r1, yy, sse, b0, b1, h);
        }
    }

    private static void One(double g00, double r0, ReadOnlySpan<double> g01, ReadOnlySpan<double> g11, ReadOnlySpan<double> r1, double yy,
        Span<double> sse, Span<double> b0, Span<double> b1, int h)
    {
        double x0 = 0, x1 = 0;
        sse[h] = BoundedLeastSquares.SolveNonNegative(g00, g01[h], g11[h], r0, r1[h], yy, ref x0, ref x1);
        b0[h] = x0;
        b1[h] = x1;
    }

    /// <summary>
    /// The fits with a first column of zeros, as <see cref="BoundedLeastSquares.SolveNonNegative"/> takes them: where the
    /// columns' dot product is too small to pivot on, the free fit fails and the second column alone, or neither, is
    /// the best; a lane is solved where that holds, the second column has a sum of squares and its fit leaves a residual.
    /// </summary>
    private static Vector256<double> SecondAlone(Vector256<double> g01, Vector256<double> g11, Vector256<double> r1, double yys,
        out Vector256<double> x0, out Vector256<double> x1, out Vector256<double> sse)
    {
        var yy = Vector256.Create(yys);
        var scale = Vector256.Max(Vector256.Max(Vector256<double>.Zero, Vector256.Abs(g01)), Vector256.Abs(g11));
        var solved = Vector256.LessThanOrEqual(Vector256.Abs(g01), Vector256.Create(1e-12) * scale);
        solved &= ~Vector256.Equals(g11, Vector256<double>.Zero);
        var only = r1 / g11;
        var within = Vector256.GreaterThanOrEqual(only, Vector256.Create(-1e-12) * (Vector256.Create(1.0) + Vector256.Abs(only)));
        var alone = yy - Vector256.Create(2.0) * only * r1 + only * g11 * only;
        solved &= Vector256.GreaterThan(alone, Vector256<double>.Zero);
        // The second column alone, unless out of bounds or no better than neither (the last candidate, taken only when lower).
        var taken = within & ~Vector256.LessThan(yy, alone);
        x0 = Vector256<double>.Zero;
        x1 = Vector256.ConditionalSelect(taken, only, Vector256<double>.Zero);
        sse = Vector256.ConditionalSelect(taken, alone, yy);
        return solved;
    }

    /// <summary>
    /// The free fits, as <see cref="BoundedLeastSquares.SolveNonNegative"/> takes them: elimination with partial
    /// pivoting, then the residual; a lane is solved where the pivots stand clear of zero, both coefficients are within
    /// their bounds and the residual is more than rounding.
    /// </summary>
    private static Vector256<double> Free(double g00s, double r0s, Vector256<double> g01, Vector256<double> g11, Vector256<double> r1, double yys,
        out Vector256<double> x0, out Vector256<double> x1, out Vector256<double> sse)
    {
        var g00 = Vector256.Create(g00s);
        var r0 = Vector256.Create(r0s);
        var yy = Vector256.Create(yys);
        var tiny = Vector256.Create(1e-12);
        var scale = Vector256.Max(Vector256.Max(Vector256.Abs(g00), Vector256.Abs(g01)), Vector256.Abs(g11));
        var swap = Vector256.GreaterThan(Vector256.Abs(g01), Vector256.Abs(g00));
        var a00 = Vector256.ConditionalSelect(swap, g01, g00);
        var a01 = Vector256.ConditionalSelect(swap, g11, g01);
        var a10 = Vector256.ConditionalSelect(swap, g00, g01);
        var a11 = Vector256.ConditionalSelect(swap, g01, g11);
        var c0 = Vector256.ConditionalSelect(swap, r1, r0);
        var c1 = Vector256.ConditionalSelect(swap, r0, r1);
        var solved = Vector256.GreaterThan(Vector256.Abs(a00), tiny * scale);
        var factor = a10 / a00;
        a11 -= factor * a01;
        c1 -= factor * c0;
        solved &= Vector256.GreaterThan(Vector256.Abs(a11), tiny * scale);
        x1 = c1 / a11;
        x0 = (c0 - a01 * x1) / a00;
        var one = Vector256.Create(1.0);
        var bound = Vector256.Create(-1e-12);
        solved &= Vector256.GreaterThanOrEqual(x0, bound * (one + Vector256.Abs(x0)));
        solved &= Vector256.GreaterThanOrEqual(x1, bound * (one + Vector256.Abs(x1)));

        var two = Vector256.Create(2.0);
        sse = yy;
        sse -= two * x0 * r0;
        sse += x0 * g00 * x0;
        sse += x0 * g01 * x1;
        sse -= two * x1 * r1;
        sse += x1 * g01 * x0;
        sse += x1 * g11 * x1;
        sse = Vector256.Max(sse, Vector256<double>.Zero);
        return solved & Vector256.GreaterThan(sse, Vector256.Create(1e-10) * yy);
    }
}
