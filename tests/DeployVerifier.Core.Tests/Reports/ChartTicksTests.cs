using DeployVerifier.Quantities;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class ChartTicksTests
{
    private const double MiB = 1024 * 1024;

    [TestMethod]
    [DataRow(1.1 * 1024 * MiB, 256 * MiB)]
    [DataRow(300 * MiB, 64 * MiB)]
    public void Step_Bytes_IsAPowerOfTwo(double span, double expected) =>
        Assert.AreEqual(expected, ChartTicks.Step(span, QuantityUnit.Bytes));

    [TestMethod]
    [DataRow(0.012, 0.002)]
    [DataRow(0.013, 0.0025)]
    [DataRow(1.0, 0.2)]
    [DataRow(0.0, 1.0)]
    [DataRow(double.NaN, 1.0)]
    public void Step_Numbers_IsOneTwoOrFiveTimesAPowerOfTen(double span, double expected) =>
        Assert.AreEqual(expected, ChartTicks.Step(span, QuantityUnit.Ratio), 1e-12);

    [TestMethod]
    public void Times_AreOnWholeStepsOfUtcTime()
    {
        var start = new DateTimeOffset(2024, 8, 16, 13, 44, 6, TimeSpan.Zero);

        var times = ChartTicks.Times(start, start.AddMinutes(32), ChartTicks.TimeStep(TimeSpan.FromMinutes(32)));

        Assert.AreEqual(new DateTimeOffset(2024, 8, 16, 13, 45, 0, TimeSpan.Zero), times[0]);
        Assert.IsTrue(times.Zip(times.Skip(1)).All(p => p.Second - p.First == TimeSpan.FromMinutes(5)));
    }
}
