using DeployVerifier.Cli.CiSystems;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class GitHubCommandsTests
{
    [TestMethod]
    [DataRow("plain", "plain")]
    [DataRow("50% done", "50%25 done")]
    [DataRow("a\r\nb", "a%0D%0Ab")]
    [DataRow("key: a, b", "key: a, b")]
    public void EscapeData_SpecialCharacters_Escaped(string text, string expected) =>
        Assert.AreEqual(expected, GitHubCommands.EscapeData(text));

    [TestMethod]
    [DataRow("a:b,c", "a%3Ab%2Cc")]
    [DataRow("100%\n", "100%25%0A")]
    public void EscapeProperty_ColonAndComma_AlsoEscaped(string text, string expected) =>
        Assert.AreEqual(expected, GitHubCommands.EscapeProperty(text));

    [TestMethod]
    public void Command_PropertiesAndMessage_Formatted()
    {
        var line = GitHubCommands.Command("error", "bad: 5%", ("file", "a,b.yml"), ("line", "3"), ("col", null), ("title", "x: y"));

        Assert.AreEqual("::error file=a%2Cb.yml,line=3,title=x%3A y::bad: 5%25", line);
    }

    [TestMethod]
    public void Command_NoProperties_NoSpace() =>
        Assert.AreEqual("::add-mask::s3cr%25t", GitHubCommands.Command("add-mask", "s3cr%t"));

    [TestMethod]
    public void OutputEntry_MultiLineValue_HeredocForm()
    {
        var entry = GitHubCommands.OutputEntry("reason", "line one\nline two", "ghadelimiter_x");

        Assert.AreEqual("reason<<ghadelimiter_x\nline one\nline two\nghadelimiter_x\n", entry);
    }

    [TestMethod]
    public void OutputEntry_ValueHoldsDelimiter_Refused() =>
        Assert.ThrowsExactly<ArgumentException>(() => GitHubCommands.OutputEntry("a", "x ghadelimiter_x", "ghadelimiter_x"));

    [TestMethod]
    public void NewDelimiter_EachCall_Differs() =>
        Assert.AreNotEqual(GitHubCommands.NewDelimiter(), GitHubCommands.NewDelimiter());
}
