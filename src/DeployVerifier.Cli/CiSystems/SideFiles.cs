using System.Text;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>The real file system, in UTF-8 without a byte-order mark (the runners read the files as plain text).</summary>
internal sealed class SideFiles : ISideFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public void Append(string path, string text) => File.AppendAllText(path, text, Utf8);

    public void Write(string path, string text)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text, Utf8);
    }

    /// <summary>Runs a write; an I/O failure becomes a warning message instead of an exception.</summary>
    public string? Read(string path) => File.Exists(path) ? File.ReadAllText(path, Utf8) : null;

    public static string? Try(Action write, string what)
    {
        try
        {
            write();
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException
            or System.Security.SecurityException)
        {
            return $"could not write the {what}: {exception.Message}";
        }
    }
}
