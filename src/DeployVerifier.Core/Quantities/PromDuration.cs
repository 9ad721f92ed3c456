using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DeployVerifier.Quantities;

/// <summary>Durations in Prometheus's syntax: <c>90s</c>, <c>30m</c>, <c>1h30m</c>, <c>500ms</c>, <c>1d</c>, <c>1w</c>, <c>1y</c>.</summary>
public static partial class PromDuration
{
    private static readonly (string Unit, TimeSpan Length)[] Units =
    [
        ("y", TimeSpan.FromDays(365)), ("w", TimeSpan.FromDays(7)), ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    [GeneratedRegex(@"^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    /// <summary>Parses a duration; an empty string, a sign, a fraction or units out of order are refused.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = Syntax().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // Sums in checked ticks: "99999999y" is beyond TimeSpan and must be refused, not thrown.
        long ticks = 0;
        for (var i = 0; i < Units.Length; i++)
        {
            var group = match.Groups[i + 1];
            if (group.Success)
            {
                if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    || count > TimeSpan.MaxValue.Ticks / Units[i].Length.Ticks
                    || ticks > TimeSpan.MaxValue.Ticks - (count * Units[i].Length.Ticks))
                {
                    return false;
                }

                ticks += count * Units[i].Length.Ticks;
            }
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>The shortest Prometheus spelling of a duration, e.g. <c>1h30m</c>; zero is <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var rest = duration;
        foreach (var (unit, length) in Units.Where(u => u.Unit is not ("y" or "w")))
        {
            var count = rest.Ticks / length.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= length * count;
            }
        }

        return text.ToString();
    }

    /// <summary>A duration for people: "12 min", "45 s", "2 h 5 min".</summary>
    public static string Humanize(TimeSpan duration)
    {
        var minutes = Math.Abs(duration.TotalMinutes);
        if (minutes < 1)
        {
            return $"{Math.Round(Math.Abs(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s";
        }

        if (minutes < 120)
        {
            return $"{Math.Round(minutes).ToString(CultureInfo.InvariantCulture)} min";
        }

        var hours = (int)(minutes / 60);
        var rest = (int)Math.Round(minutes - hours * 60);
        return rest == 0 ? $"{hours} h" : $"{hours} h {rest} min";
    }
}
