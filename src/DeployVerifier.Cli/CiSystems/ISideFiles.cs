namespace DeployVerifier.Cli.CiSystems;

/// <summary>The files a CI system writes (step summary, outputs), behind a seam; a failure throws and the caller reports it.</summary>
internal interface ISideFiles
{
    void Append(string path, string text);

    void Write(string path, string text);

    /// <summary>The file's text, or null when it does not exist.</summary>
    string? Read(string path);
}
