using DeployVerifier.Quantities;

namespace DeployVerifier.Tuning;

[TestClass]
public sealed class TuneValueTextTests
{
    [TestMethod]
    [DataRow(0.031234, QuantityUnit.Ratio, "3.1%")]
    [DataRow(0.3004, QuantityUnit.Seconds, "300ms")]
    [DataRow(2.71, QuantityUnit.Seconds, "2.7s")]
    [DataRow(671088640d, QuantityUnit.Bytes, "640Mi")]
    [DataRow(2.73, QuantityUnit.Number, "2.7")]
    public void AValueIsWrittenInItsFieldsSpellingWithTwoDigits(double value, QuantityUnit unit, string expected)
    {
        var (text, read) = TuneValueText.Write(SettingKind.Max, unit, value, _ => true);

        Assert.AreEqual(expected, text);
        Assert.IsTrue(Quantity.TryParse(text, out var parsed));
        Assert.AreEqual(parsed.Value, read);
    }

    [TestMethod]
    public void MoreDigitsWhenTwoWouldLeaveTheIntervalChosen()
    {
        var (text, _) = TuneValueText.Write(SettingKind.Max, QuantityUnit.Ratio, 0.01234, v => v is > 0.0123 and < 0.0124);

        Assert.AreEqual("1.234%", text);
    }

    [TestMethod]
    public void AHorizonIsWholeMinutes()
    {
        var (text, seconds) = TuneValueText.Write(SettingKind.Horizon, QuantityUnit.Bytes, 36.4 * 3600, _ => true);

        Assert.AreEqual("36h", text);
        Assert.AreEqual(36 * 3600, seconds);
        Assert.AreEqual("95m", TuneValueText.Write(SettingKind.Horizon, QuantityUnit.Bytes, 95 * 60, _ => true).Text);
    }
}
