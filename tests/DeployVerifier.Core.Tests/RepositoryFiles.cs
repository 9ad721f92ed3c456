namespace DeployVerifier;

/// <summary>Finds files of the repository (schemas, examples) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "schemas", "checklist.schema.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with schemas/checklist.schema.json) was not found");
    }
}
