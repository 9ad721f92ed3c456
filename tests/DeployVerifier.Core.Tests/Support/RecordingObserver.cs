using DeployVerifier.Measurements;
using DeployVerifier.Soak;

namespace DeployVerifier.Support;

/// <summary>Keeps what the runner reported, for assertions.</summary>
internal sealed class RecordingObserver : ISoakObserver
{
    public List<SoakProgress> Steps { get; } = [];

    public bool? StartedReplaying { get; private set; }

    public void Started(SoakSchedule schedule, bool replaying) => StartedReplaying = replaying;

    public void Progressed(SoakProgress progress) => Steps.Add(progress);
}
