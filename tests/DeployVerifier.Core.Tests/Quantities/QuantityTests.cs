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
    [DataRow("2m", 120d, QuantityUnit.Seconds)]
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
}
