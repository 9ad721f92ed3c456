using DeployVerifier.Reports;

namespace DeployVerifier.Cli.Output;

/// <summary>The report files a run writes, redacted; a file that can't be written is a warning, never fatal.</summary>
internal sealed class ReportFiles(RedactingWriter output, RedactingWriter error)
{
    /// <summary>The JSON report, once written.</summary>
    public string? JsonPath { get; private set; }

    /// <summary>The Markdown summary file, once written.</summary>
    public string? SummaryPath { get; private set; }

    /// <summary>Writes the report files; a file that can't be written is reported, never fatal.</summary>
    /// <param name="report">What to write.</param>
    /// <param name="summary">The Markdown summary.</param>
    /// <param name="jsonPath">Where the JSON report goes, if anywhere.</param>
    /// <param name="markdownPath">Where the summary goes, if anywhere.</param>
    /// <param name="htmlPath">Where the HTML report goes, if anywhere.</param>
    /// <param name="quiet">Say nothing of the files written (an interim report, rewritten later).</param>
    public void Publish(ReportContext report, string summary, string? jsonPath, string? markdownPath, string? htmlPath = null, bool quiet = false)
    {
        if (jsonPath is not null && TryWrite(jsonPath, output.Redact(JsonReportWriter.Write(report)), "JSON report", quiet))
        {
            JsonPath = jsonPath;
        }

        if (markdownPath is not null && TryWrite(markdownPath, output.Redact(summary), "Markdown summary", quiet))
        {
            SummaryPath = markdownPath;
        }

        if (htmlPath is not null)
        {
            TryWrite(htmlPath, output.Redact(HtmlReport.Write(report)), "HTML report", quiet);
        }
    }

    /// <summary>Writes a report file, redacted; a file that can't be written is reported, never fatal.</summary>
    public bool WriteReport(string path, string content, string what) => TryWrite(path, output.Redact(content), what, quiet: false);

    private bool TryWrite(string path, string content, string what, bool quiet)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, content);
            if (!quiet)
            {
                output.WriteLine($"Wrote the {what} to {path}.");
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"warning: could not write the {what} to {path}: {exception.Message}");
            return false;
        }
    }
}
