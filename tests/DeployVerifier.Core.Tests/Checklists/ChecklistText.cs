namespace DeployVerifier.Checklists;

/// <summary>Loading checklist text in tests: valid ones, the errors of invalid ones, and where an error stands.</summary>
internal static class ChecklistText
{
    public const string FileName = "checklist.yaml";

    public const string Minimal = """
        checks:
          - name: errors
            query: sum(rate(errors_total[1m]))
            max: 1
        """;

    public static Checklist LoadValid(string yaml)
    {
        var result = ChecklistLoader.Load(yaml, FileName);
        Assert.AreEqual(0, result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
        Assert.IsNotNull(result.Checklist);
        return result.Checklist;
    }

    public static IReadOnlyList<ChecklistError> Errors(string yaml)
    {
        var result = ChecklistLoader.Load(yaml, FileName);
        Assert.IsNull(result.Checklist);
        Assert.IsNotEmpty(result.Errors);
        return result.Errors;
    }

    public static ChecklistError SingleError(string yaml)
    {
        var errors = Errors(yaml);
        Assert.HasCount(1, errors, string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    public static void AssertAt(ChecklistError error, int line, int column)
    {
        Assert.AreEqual(new SourceLocation(FileName, line, column), error.Location, error.ToString());
    }

    /// <summary>A release section as the Kubernetes example has it.</summary>
    public const string ReleaseSection = """
        release:
          releases: kube_replicaset_created
          label: replicaset
          instances: kube_pod_owner{owner_name="${release}"}
          instanceLabel: pod
        """;
}
