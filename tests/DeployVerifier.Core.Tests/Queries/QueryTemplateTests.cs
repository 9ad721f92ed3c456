using DeployVerifier.Queries;

namespace DeployVerifier.Queries;

[TestClass]
public sealed class QueryTemplateTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["ns"] = "team-a",
        ["deployedAtUnix"] = "1700000000",
        ["soakDuration"] = "30m",
    };

    [TestMethod]
    public void Find_ReportsPlaceAndContext()
    {
        const string query = "sum(rate(x{ns=\"${ns}\", pod=~'${pod}-.*', c!~ `${c}`}[${soakDuration}])) # ${comment}";

        var uses = QueryTemplate.Find(query);

        Assert.HasCount(4, uses);
        Assert.AreEqual(new PlaceholderUse("ns", 15, 5, '"', false), uses[0]);
        Assert.AreEqual(new PlaceholderUse("pod", 29, 6, '\'', true), uses[1]);
        Assert.AreEqual(new PlaceholderUse("c", 46, 4, '`', true), uses[2]);
        Assert.AreEqual(new PlaceholderUse("soakDuration", 53, 15, null, false), uses[3]);
        Assert.IsFalse(uses[3].InString);
    }

    [TestMethod]
    [DataRow("x{a=\"\\\"${ns}\"}", '"', DisplayName = "after an escaped quote")]
    [DataRow("x{a='\"${ns}'}", '\'', DisplayName = "double quote inside single")]
    [DataRow("x{a=`\\${ns}`}", '`', DisplayName = "backslash does not escape in raw strings")]
    public void Find_Lexing_KnowsTheLiteral(string query, char quote)
    {
        var use = QueryTemplate.Find(query).Single();

        Assert.AreEqual(quote, use.Quote);
    }

    [TestMethod]
    [DataRow("$ns ${ns", DisplayName = "not placeholders")]
    [DataRow("x # \"${ns}\"", DisplayName = "in a comment")]
    [DataRow("${1x}", DisplayName = "name starting with a digit")]
    [DataRow("x{a=\"\\${ns}\"}", DisplayName = "dollar after a backslash in a string")]
    public void Find_NoPlaceholder_FindsNone(string query)
    {
        Assert.IsEmpty(QueryTemplate.Find(query));
    }

    [TestMethod]
    [DataRow("x{ns=\"${ns}\"}", "x{ns=\"team-a\"}")]
    [DataRow("x[${soakDuration}] @ ${deployedAtUnix}", "x[30m] @ 1700000000")]
    [DataRow("x{ns=~\"${ns}|b\"}", "x{ns=~\"team-a|b\"}")]
    [DataRow("no placeholders", "no placeholders")]
    public void Render_ReplacesValues(string query, string expected)
    {
        Assert.AreEqual(expected, QueryTemplate.Render(query, Values));
    }

    [TestMethod]
    [DataRow("x{ns=\"${v}\"}", "x\"} or vector(1) #", "x{ns=\"x\\\"} or vector(1) #\"}")]
    [DataRow("x{ns='${v}'}", "x'} or vector(1) #", "x{ns='x\\'} or vector(1) #'}")]
    [DataRow("x{ns='${v}'}", "say \"hi\"", "x{ns='say \"hi\"'}")]
    [DataRow("x{ns=\"${v}\"}", "a\\b\nc", "x{ns=\"a\\\\b\\nc\"}")]
    [DataRow("x{ns=`${v}`}", "a\\\"b", "x{ns=`a\\\"b`}")]
    public void Render_StringLiteral_ValueCannotBreakOut(string query, string value, string expected)
    {
        var rendered = QueryTemplate.Render(query, new Dictionary<string, string> { ["v"] = value });

        Assert.AreEqual(expected, rendered);
    }

    [TestMethod]
    [DataRow("x{pod=~\"${v}-.*\"}", "a.b", "x{pod=~\"a\\\\.b-.*\"}")]
    [DataRow("x{pod!~'${v}'}", "a|b", "x{pod!~'a\\\\|b'}")]
    [DataRow("x{pod=~`${v}`}", "(a+)*[b]{2}^$?", "x{pod=~`\\(a\\+\\)\\*\\[b\\]\\{2\\}\\^\\$\\?`}")]
    [DataRow("x{pod =~ \"${v}\"}", "a\\d", "x{pod =~ \"a\\\\\\\\d\"}")]
    [DataRow("x{pod=\"${v}\"}", "a.b", "x{pod=\"a.b\"}")]
    public void Render_RegexMatcher_EscapesRegexThenString(string query, string value, string expected)
    {
        Assert.AreEqual(expected, QueryTemplate.Render(query, new Dictionary<string, string> { ["v"] = value }));
    }

    [TestMethod]
    [DataRow("x{a=`${v}`}", "a`b", "backtick")]
    [DataRow("x[${v}]", "5m", "stands outside a string literal")]
    [DataRow("x{a=\"${missing}\"}", "v", "has no value")]
    [DataRow("x[${soakDuration}]", "5m] or vector(1", "neither a number nor a duration")]
    public void Render_UnsafeOrMissing_Throws(string query, string value, string message)
    {
        var values = new Dictionary<string, string> { ["v"] = value, ["soakDuration"] = value };

        var error = Assert.ThrowsExactly<ArgumentException>(() => QueryTemplate.Render(query, values));

        StringAssert.Contains(error.Message, message);
    }
}
