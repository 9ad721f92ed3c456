namespace DeployVerifier.Support;

/// <summary>Finds files of the repository (schemas, examples) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The path of <paramref name="parts"/> under the repository's root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "schemas", "checklist.schema.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with schemas/checklist.schema.json) was not found above " + AppContext.BaseDirectory);
    }
}
