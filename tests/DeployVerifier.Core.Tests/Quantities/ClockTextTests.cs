namespace DeployVerifier.Quantities;

[TestClass]
public sealed class ClockTextTests
{
    private static readonly DateTimeOffset Now = new(2024, 8, 16, 14, 5, 30, TimeSpan.Zero);

    [TestMethod]
    [DataRow(14, 15, 29, "14:15")]
    [DataRow(14, 15, 30, "14:16")]
    [DataRow(14, 15, 31, "14:16")]
    [DataRow(23, 59, 45, "2024-08-17 00:00 UTC")]
    public void AboutMinute_RoundsToTheNearestMinute_NamingTheDayOnlyWhenItChanges(int hour, int minute, int second, string expected) =>
        Assert.AreEqual(expected, ClockText.AboutMinute(new DateTimeOffset(2024, 8, 16, hour, minute, second, TimeSpan.Zero), Now));

    [TestMethod]
    public void Range_BothEndsReadTheSame_IsNull() =>
        Assert.IsNull(ClockText.Range(TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(610)));

    [TestMethod]
    public void Range_EndsDiffer_GivesBoth() =>
        Assert.AreEqual("9 min to 12 min", ClockText.Range(TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(12)));

    [TestMethod]
    public void Range_OneEndMissing_IsNull() =>
        Assert.IsNull(ClockText.Range(TimeSpan.FromMinutes(9), null));
}
