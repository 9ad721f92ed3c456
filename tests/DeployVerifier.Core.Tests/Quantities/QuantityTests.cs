using DeployVerifier.Quantities;

namespace DeployVerifier.Quantities;

[TestClass]
public sealed class QuantityTests
{
    [TestMethod]
    [DataRow("1%", 0.01, QuantityUnit.Ratio)]
    [DataRow("0.5", 0.5, QuantityUnit.Number)]
    [DataRow("-2", -2d, QuantityUnit.Number)]
    [DataRow("1e3", 1000d, QuantityUnit.Number)]
    [DataRow("512MiB", 536_870_912d, QuantityUnit.Bytes)]
    [DataRow("1 GiB", 1_073_741_824d, QuantityUnit.Bytes)]
    [DataRow("2kB", 2000d, QuantityUnit.Bytes)]
    [DataRow("1.5GB", 1.5e9, QuantityUnit.Bytes)]
    [DataRow("250ms", 0.25, QuantityUnit.Seconds)]
    [DataRow("5us", 5e-6, QuantityUnit.Seconds)]
    [DataRow("2min", 120d, QuantityUnit.Seconds)]
    [DataRow("512Mi", 536_870_912d, QuantityUnit.Bytes)]
    [DataRow("1Gi", 1_073_741_824d, QuantityUnit.Bytes)]
    [DataRow("4Ki", 4096d, QuantityUnit.Bytes)]
    [DataRow("1Ti", 1_099_511_627_776d, QuantityUnit.Bytes)]
    [DataRow("2k", 2000d, QuantityUnit.Bytes)]
    [DataRow("500M", 5e8, QuantityUnit.Bytes)]
    [DataRow("1.5G", 1.5e9, QuantityUnit.Bytes)]
    [DataRow("2T", 2e12, QuantityUnit.Bytes)]
    [DataRow("1h", 3600d, QuantityUnit.Seconds)]
    [DataRow(".5s", 0.5, QuantityUnit.Seconds)]
    public void TryParse_Valid_GivesBaseUnits(string text, double value, QuantityUnit unit)
    {
        Assert.IsTrue(Quantity.TryParse(text, out var quantity));
        Assert.AreEqual(unit, quantity.Unit);
        Assert.AreEqual(value, quantity.Value, Math.Abs(value) * 1e-12);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("512 MB/s")]
    [DataRow("1 mb")]
    [DataRow("NaN")]
    [DataRow("Infinity")]
    [DataRow("1e400")]
    [DataRow("1,5")]
    [DataRow("%")]
    public void TryParse_Invalid_IsRefused(string? text)
    {
        Assert.IsFalse(Quantity.TryParse(text, out _));
    }

    [TestMethod]
    [DataRow("1.2%", "1.2%")]
    [DataRow("812MiB", "812 MiB")]
    [DataRow("240ms", "240 ms")]
    [DataRow("1.5s", "1.5 s")]
    [DataRow("0.5", "0.5")]
    [DataRow("2GiB", "2 GiB")]
    public void Format_RoundTrips(string text, string formatted)
    {
        Assert.IsTrue(Quantity.TryParse(text, out var quantity));

        Assert.AreEqual(formatted, quantity.ToString());
        Assert.IsTrue(Quantity.TryParse(formatted, out var again));
        Assert.AreEqual(quantity.Unit, again.Unit);
        Assert.AreEqual(quantity.Value, again.Value, Math.Abs(quantity.Value) * 1e-9);
    }

    [TestMethod]
    public void Format_NaNAndInfinity_AreNamed()
    {
        Assert.AreEqual("NaN", Quantity.Format(double.NaN, QuantityUnit.Ratio));
        Assert.AreEqual("+Inf", Quantity.Format(double.PositiveInfinity, QuantityUnit.Bytes));
    }

    [TestMethod]
    public void KnownSuffixes_NamesEverySuffixParsed()
    {
        foreach (var suffix in Quantity.KnownSuffixes.Split(", "))
        {
            Assert.IsTrue(Quantity.TryParse("1" + suffix, out _), suffix);
        }
    }

    [TestMethod]
    [DataRow("500m", QuantityKind.Cpu, 0.5, QuantityUnit.Number)]
    [DataRow("1500m", QuantityKind.Cpu, 1.5, QuantityUnit.Number)]
    [DataRow("5m", QuantityKind.Seconds, 300d, QuantityUnit.Seconds)]
    [DataRow("2", QuantityKind.Cpu, 2d, QuantityUnit.Number)]
    [DataRow("512Mi", QuantityKind.Bytes, 536_870_912d, QuantityUnit.Bytes)]
    public void Problem_MilliByKind_IsMillicoresOrMinutes(string text, QuantityKind kind, double value, QuantityUnit unit)
    {
        Assert.IsNull(Quantity.Problem(text, kind, out var quantity));
        Assert.AreEqual(unit, quantity.Unit);
        Assert.AreEqual(value, quantity.Value, 1e-12);
    }

    [TestMethod]
    [DataRow(QuantityKind.Any)]
    [DataRow(QuantityKind.Number)]
    [DataRow(QuantityKind.Ratio)]
    public void Problem_MilliWhereNeitherCpuNorDuration_IsRefusedWithTheThreeReadings(QuantityKind kind)
    {
        var problem = Quantity.Problem("500m", kind, out _);

        StringAssert.StartsWith(problem, "'500m' is ambiguous; did you mean 500ms, 500min or 0.5 (cores)?");
    }

    [TestMethod]
    public void Problem_MilliOfMemory_IsRefusedWithAHintAtMi()
    {
        var problem = Quantity.Problem("512m", QuantityKind.Bytes, out _);

        Assert.AreEqual("'512m' is 0.512 bytes to Kubernetes (m is milli); did you mean 512Mi (mebibytes) or 512M (megabytes)?", problem);
    }

    [TestMethod]
    public void Problem_MisspeltSuffix_SuggestsTheNearest()
    {
        StringAssert.EndsWith(Quantity.Problem("512mib", QuantityKind.Any, out _), "did you mean 'MiB'?");
    }
}
