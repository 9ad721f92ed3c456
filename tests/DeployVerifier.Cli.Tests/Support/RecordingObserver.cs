using DeployVerifier.Measurements;
using DeployVerifier.Soak;

namespace DeployVerifier.Support;

/// <summary>Counts what the console observer would have printed.</summary>
internal sealed class RecordingObserver : ISoakObserver
{
    public int Calls { get; private set; }

    public void Started(SoakSchedule schedule, bool replaying) => Calls++;

    public void Progressed(SoakProgress progress) => Calls++;
}
