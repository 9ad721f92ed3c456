using DeployVerifier.Measurements;

namespace DeployVerifier.Soak;

/// <summary>Hears of the soak's progress (console lines, CI progress, deployment statuses). Must not throw.</summary>
public interface ISoakObserver
{
    /// <summary>The soak starts; <paramref name="replaying"/> says whether its first evaluations are already in the past.</summary>
    void Started(SoakSchedule schedule, bool replaying);

    /// <summary>One live evaluation, or a replayed stretch, was made.</summary>
    void Progressed(SoakProgress progress);

    /// <summary>The soak's end came with checks still undecided: they are watched up to <paramref name="until"/>.</summary>
    /// <param name="checks">The undecided checks, with why each is undecided.</param>
    /// <param name="until">The latest the soak now ends.</param>
    void Extended(IReadOnlyList<(string Check, string Reason)> checks, DateTimeOffset until)
    {
    }
}
