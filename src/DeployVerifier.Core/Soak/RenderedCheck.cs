using DeployVerifier.Checklists;

namespace DeployVerifier.Soak;

/// <summary>A check with its placeholders replaced: the queries exactly as they are sent.</summary>
public sealed record RenderedCheck(CheckDefinition Check, string Query, string? EvidenceQuery, string? LimitQuery)
{
    /// <summary>Every query of the check, with what it is for, for the preflight.</summary>
    public IEnumerable<(string Role, string Query)> Queries()
    {
        yield return ("query", Query);
        if (EvidenceQuery is not null)
        {
            yield return ("evidence.query", EvidenceQuery);
        }

        if (LimitQuery is not null)
        {
            yield return ("trend.limitQuery", LimitQuery);
        }
    }
}
