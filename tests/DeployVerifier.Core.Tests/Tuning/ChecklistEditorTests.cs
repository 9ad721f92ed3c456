namespace DeployVerifier.Tuning;

[TestClass]
public sealed class ChecklistEditorTests
{
    private const string Checklist = """
        # the team's checklist
        vars:
          namespace: ~
          max_err: 1%    # production's bound
        checks:
          - name: errors   # 5xx share
            query: errors{namespace="${namespace}"}
            max: 0.05%     # too strict?
            tolerance: 6
          - name: latency
            query: latency
            max: "5s"
          - name: leak
            type: trend
            query: memory
            trend:
              limit: 1Gi
              horizon: 24h
          - name: staged
            query: staged
            max: ${max_err}
          - name: unset
            query: unset
            max: ${nothing}
        """;

    [TestMethod]
    public void EditsAValueWhereItStandsAndKeepsTheRest()
    {
        var (text, notes, _) = ChecklistEditor.Apply(Checklist, [("errors", "max", "1.2%"), ("errors", "tolerance", "2"), ("leak", "trend.horizon", "36h")]);

        Assert.AreEqual(Checklist.Replace("max: 0.05%     # too strict?", "max: 1.2%      # too strict?", StringComparison.Ordinal)
            .Replace("tolerance: 6", "tolerance: 2", StringComparison.Ordinal).Replace("horizon: 24h", "horizon: 36h", StringComparison.Ordinal), text);
        CollectionAssert.AreEqual(
            new[] { "errors.max is now 1.2%, and the comment beside it, \"# too strict?\", was written for the value before: read it again" }, notes.ToList());
    }

    [TestMethod]
    public void ACommentBesideAValueKeepsItsColumn_AtLeastOneSpaceBeforeIt()
    {
        const string Aligned = "checks:\n  - name: a\n    query: up\n    max: 0.05%   # ours\n    tolerance: 6     # a blip\n";

        var (text, _, _) = ChecklistEditor.Apply(Aligned, [("a", "max", "12.5%"), ("a", "tolerance", "123456789")]);

        Assert.AreEqual("checks:\n  - name: a\n    query: up\n    max: 12.5%   # ours\n    tolerance: 123456789 # a blip\n", text);
    }

    [TestMethod]
    public void ACommentOnTheLineAboveAMovedValue_IsNamed()
    {
        const string Above = "checks:\n  - name: a\n    query: up\n    # the budget agreed with the front end\n    max: 5s\n    tolerance: 6\n";

        var (_, notes, _) = ChecklistEditor.Apply(Above, [("a", "max", "300ms"), ("a", "tolerance", "1")]);

        CollectionAssert.AreEqual(
            new[] { "a.max is now 300ms, and the comment above it, \"# the budget agreed with the front end\", was written for the value before: read it again" },
            notes.ToList(), "the tolerance has no comment of its own");
    }

    [TestMethod]
    public void ACommentBesideAMovedVariableDefault_IsNamedToo_AHashInsideAQuotedValueIsNot()
    {
        var (_, notes, _) = ChecklistEditor.Apply(Checklist, [("staged", "max", "2%"), ("latency", "max", "350ms")]);

        Assert.HasCount(2, notes, string.Join("\n", notes));
        StringAssert.Contains(notes[1], "vars.max_err is now 2%, and the comment beside it, \"# production's bound\"");

        var (_, quoted, _) = ChecklistEditor.Apply("checks:\n  - name: a\n    query: up\n    max: \"5#s\"\n", [("a", "max", "4s")]);
        Assert.IsEmpty(quoted);
    }

    [TestMethod]
    public void AQuotedValueIsReplacedWhole()
    {
        var (text, _, _) = ChecklistEditor.Apply(Checklist, [("latency", "max", "350ms")]);

        StringAssert.Contains(text, "    max: 350ms\n  - name: leak", StringComparison.Ordinal);
    }

    [TestMethod]
    public void AnAbsentKeyIsInsertedUnderItsCheckWithItsIndentation()
    {
        var (text, _, _) = ChecklistEditor.Apply(Checklist, [("latency", "tolerance", "1")]);

        StringAssert.Contains(text, "  - name: latency\n    tolerance: 1\n    query: latency\n", StringComparison.Ordinal);
    }

    [TestMethod]
    public void AVariableWithADefaultChangesTheDefault()
    {
        var (text, notes, _) = ChecklistEditor.Apply(Checklist, [("staged", "max", "2.5%")]);

        StringAssert.Contains(text, "  max_err: 2.5%  # production's bound", StringComparison.Ordinal);
        StringAssert.Contains(text, "max: ${max_err}", StringComparison.Ordinal);
        Assert.HasCount(2, notes, "the change, and the comment beside the default");
        StringAssert.Contains(notes[0], "its default under vars: was changed to 2.5%", StringComparison.Ordinal);
    }

    [TestMethod]
    public void AVariableWithoutADefaultIsReportedAsTheVarToPass()
    {
        var (text, notes, vars) = ChecklistEditor.Apply(Checklist, [("unset", "max", "3")]);

        Assert.AreEqual(Checklist, text);
        Assert.AreEqual("3", vars["nothing"]);
        StringAssert.Contains(notes.Single(), "--var nothing=3", StringComparison.Ordinal);
    }

    [TestMethod]
    public void AValueSharedThroughAnAnchorIsReportedNotEdited()
    {
        const string anchored = """
            checks:
              - name: a
                query: a
                max: &bound 1%
              - name: b
                query: b
                max: *bound
            """;

        var (text, notes, _) = ChecklistEditor.Apply(anchored, [("b", "max", "2%"), ("a", "max", "3%")]);

        Assert.AreEqual(anchored, text);
        Assert.HasCount(2, notes);
        Assert.IsTrue(notes.All(n => n.Contains("anchor", StringComparison.Ordinal)), string.Join("\n", notes));
    }
}
