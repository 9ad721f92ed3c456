namespace DeployVerifier.Soak;

/// <summary>Hears of the soak's progress (console lines, CI progress, deployment statuses). Must not throw.</summary>
public interface ISoakObserver
{
    /// <summary>The soak starts; <paramref name="replaying"/> says whether its first evaluations are already in the past.</summary>
    void Started(SoakSchedule schedule, bool replaying);

    /// <summary>One live evaluation, or a replayed stretch, was made.</summary>
    void Progressed(SoakProgress progress);
}
