using System.Text;

namespace DeployVerifier.Cli.Output;

/// <summary>
/// A line-buffered writer that replaces every known secret with <c>***</c> before it reaches the console, so no
/// message, server error or rollback output can print a token.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    private readonly List<string> _secrets = [];
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    /// <summary>Adds a value to hide; values shorter than 4 characters are ignored (they would mangle ordinary text).</summary>
    public void AddSecret(string? secret)
    {
        if (secret is { Length: >= 4 })
        {
            lock (_line)
            {
                // Longest first, so a form that contains another (Bearer token, user:password) is hidden whole.
                if (!_secrets.Contains(secret, StringComparer.Ordinal))
                {
                    _secrets.Add(secret);
                    _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
                }
            }
        }
    }

    /// <summary>Writes a line as is: the CI system's command that registers a secret must carry the secret.</summary>
    public void WriteUnredacted(string line)
    {
        lock (_line)
        {
            FlushLine();
            inner.Write(line + "\n");
            inner.Flush();
        }
    }

    public string Redact(string text)
    {
        lock (_line)
        {
            return _secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));
        }
    }

    public override void Write(char value)
    {
        lock (_line)
        {
            _line.Append(value);
            if (value == '\n')
            {
                FlushLine();
            }
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_line)
        {
            _line.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                FlushLine();
            }
        }
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void Flush()
    {
        lock (_line)
        {
            FlushLine();
            inner.Flush();
        }
    }

    private void FlushLine()
    {
        if (_line.Length == 0)
        {
            return;
        }

        var text = _line.ToString();
        _line.Clear();
        inner.Write(_secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal)));
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
