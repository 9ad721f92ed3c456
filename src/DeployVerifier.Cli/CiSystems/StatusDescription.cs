namespace DeployVerifier.Cli.CiSystems;

/// <summary>Status descriptions within GitHub's limit of 140 characters (a longer one is refused with 422).</summary>
internal static class StatusDescription
{
    public const int MaxLength = 140;

    /// <summary>Cuts to <see cref="MaxLength"/> with an ellipsis, never between the halves of a surrogate pair.</summary>
    public static string Truncate(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        if (flat.Length <= MaxLength)
        {
            return flat;
        }

        var cut = MaxLength - 1;
        if (char.IsHighSurrogate(flat[cut - 1]))
        {
            cut--;
        }

        return flat[..cut].TrimEnd() + "…";
    }
}
