using System.Runtime.Intrinsics;

namespace DeployVerifier.Analysis;

/// <summary>
/// <see cref="BoundedLeastSquares.SolveNonNegative"/> for one column against many (the leak test's settling against
/// every warm-up or onset column). The fits are worked out four at a time with the scalar path's operations in its
/// order (so to the same bits); a pair whose free fit is exact to rounding, or whose numbers are not finite, goes
/// through the scalar path, one at a time.
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
                var solved = Fit(g00, r0, Vector256.Create(g01[h..]), Vector256.Create(g11[h..]), Vector256.Create(r1[h..]), yy,
                    out var x0, out var x1, out var residual);
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
    /// The fits as <see cref="BoundedLeastSquares.SolveNonNegative"/> takes them: the free fit by elimination with
    /// partial pivoting; where it is within the bounds and leaves more than rounding, it; where it could not be solved
    /// or is out of bounds, the best of the second column alone, the first alone and neither, in that order, each
    /// taken only when lower. A lane is solved unless the free fit is exact to rounding (the held candidates could tie
    /// it) or a held candidate's residual is not a positive number (its sign or infinity would need the scalar path).
    /// </summary>
    private static Vector256<double> Fit(double g00s, double r0s, Vector256<double> g01, Vector256<double> g11, Vector256<double> r1, double yys,
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
        solved &= Within(x0) & Within(x1);

        var two = Vector256.Create(2.0);
        sse = yy;
        sse -= two * x0 * r0;
        sse += x0 * g00 * x0;
        sse += x0 * g01 * x1;
        sse -= two * x1 * r1;
        sse += x1 * g01 * x0;
        sse += x1 * g11 * x1;
        sse = Vector256.Max(sse, Vector256<double>.Zero);
        var free = solved & Vector256.GreaterThan(sse, Vector256.Create(1e-10) * yy);

        // Held candidates: each residual is yy less its fit (the terms of the held coefficient vanish).
        var only1 = r1 / g11;
        var alone1 = yy - two * only1 * r1 + only1 * g11 * only1;
        var take1 = ~Vector256.Equals(g11, Vector256<double>.Zero) & Within(only1);
        var only0 = r0 / g00;
        var alone0 = yy - two * only0 * r0 + only0 * g00 * only0;
        var take0 = ~Vector256.Equals(g00, Vector256<double>.Zero) & Within(only0);
        var infinity = Vector256.Create(double.PositiveInfinity);
        var held = ~solved & Positive(yy) & Finite(g00) & Finite(g01) & Finite(g11) & Finite(r0) & Finite(r1)
            & (~take1 | Positive(alone1)) & (~take0 | Positive(alone0));
        var best = Vector256.ConditionalSelect(take1, alone1, infinity);
        var h0 = Vector256<double>.Zero;
        var h1 = Vector256.ConditionalSelect(take1, only1, Vector256<double>.Zero);
        take0 &= Vector256.LessThan(alone0, best);
        best = Vector256.ConditionalSelect(take0, alone0, best);
        h0 = Vector256.ConditionalSelect(take0, only0, h0);
        h1 = Vector256.ConditionalSelect(take0, Vector256<double>.Zero, h1);
        var neither = Vector256.LessThan(yy, best);
        best = Vector256.ConditionalSelect(neither, yy, best);
        h0 = Vector256.ConditionalSelect(neither, Vector256<double>.Zero, h0);
        h1 = Vector256.ConditionalSelect(neither, Vector256<double>.Zero, h1);

        x0 = Vector256.ConditionalSelect(held, h0, x0);
        x1 = Vector256.ConditionalSelect(held, h1, x1);
        sse = Vector256.ConditionalSelect(held, best, sse);
        return free | held;
    }

    /// <summary>At least zero, but for rounding, as the scalar path has it.</summary>
    private static Vector256<double> Within(Vector256<double> x) =>
        Vector256.GreaterThanOrEqual(x, Vector256.Create(-1e-12) * (Vector256.Create(1.0) + Vector256.Abs(x)));

    private static Vector256<double> Finite(Vector256<double> x) =>
        Vector256.LessThan(Vector256.Abs(x), Vector256.Create(double.PositiveInfinity));

    private static Vector256<double> Positive(Vector256<double> x) =>
        Vector256.GreaterThan(x, Vector256<double>.Zero) & Vector256.LessThan(x, Vector256.Create(double.PositiveInfinity));
}
