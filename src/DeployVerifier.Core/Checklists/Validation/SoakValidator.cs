using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>soak</c> section: how long, how often, the warm-up and the extension.</summary>
internal sealed class SoakValidator(ScalarReader read)
{
    public SoakSettings Validate(SoakDocument s)
    {
        var duration = read.Duration(s.Duration, "soak.duration", ChecklistDefaults.SoakDuration, positive: true, max: ChecklistLimits.MaxSoak);
        var interval = read.Duration(s.Interval, "soak.interval", ChecklistDefaults.SoakInterval, positive: true, ChecklistLimits.MinStep);
        var warmUp = read.Duration(s.WarmUp, "soak.warmUp", ChecklistDefaults.SoakWarmUp);
        var lag = read.Duration(s.IngestionLag, "soak.ingestionLag", ChecklistDefaults.IngestionLag);
        var maxErrors = read.Integer(s.MaxConsecutiveErrors, "soak.maxConsecutiveErrors", ChecklistDefaults.MaxConsecutiveErrors, 1);
        if (interval > duration)
        {
            read.Error($"soak.interval: {PromDuration.Format(interval)} is longer than soak.duration ({PromDuration.Format(duration)}); "
                + "there would be no evaluation", (s.Interval ?? s.Duration)?.Location);
        }

        if (warmUp >= duration)
        {
            read.Error($"soak.warmUp: {PromDuration.Format(warmUp)} is not shorter than soak.duration ({PromDuration.Format(duration)}); "
                + "nothing would be evaluated", (s.WarmUp ?? s.Duration)?.Location);
        }

        var extension = read.Duration(s.Extension, "soak.extension", ChecklistDefaults.SoakExtension, max: ChecklistLimits.MaxSoak);
        return new SoakSettings(duration, interval, warmUp, lag, maxErrors) { Extension = extension };
    }
}
