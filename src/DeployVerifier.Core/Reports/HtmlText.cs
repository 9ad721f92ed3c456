using System.Globalization;
using System.Text;

namespace DeployVerifier.Reports;

/// <summary>Text and numbers for HTML and SVG markup. Names, reasons and labels come from YAML and Prometheus: all of it is escaped.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Escapes text for an element or a quoted attribute. Control characters become spaces, since XML forbids them
    /// and the page stays well-formed (XHTML-compatible) whatever a label holds.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&quot;"),
                '\'' => escaped.Append("&#39;"),
                _ when char.IsControl(c) && c != '\n' => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>A coordinate for SVG: invariant, one decimal.</summary>
    public static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"14:06:30 UTC".</summary>
    public static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
