using System.Globalization;
using DeployVerifier.Quantities;

namespace DeployVerifier.Tuning;

/// <summary>
/// How a tuned value is written into the checklist: rounded to as few significant digits as keep it where it was
/// chosen (2 to 6), in the field's own spelling (<c>1.2%</c>, <c>640Mi</c>, <c>350ms</c>, <c>36h</c>, <c>3</c>), and read back
/// with the field's rules, so that what is judged is what is written.
/// </summary>
internal static class TuneValueText
{
    /// <summary>The text and the value it reads as, the first rounding that <paramref name="keeps"/> accepts; else the most precise.</summary>
    public static (string Text, double Value) Write(SettingKind kind, QuantityUnit unit, double value, Func<double, bool> keeps)
    {
        (string, double) written = default;
        foreach (var digits in new[] { 2, 3, 4, 6 })
        {
            written = kind == SettingKind.Horizon ? Duration(value, digits) : Spell(kind == SettingKind.MaxUtilization ? QuantityUnit.Ratio : unit, value, digits);
            if (keeps(written.Item2))
            {
                return written;
            }
        }

        return written;
    }

    /// <summary>A value already in the checklist, written the same way (for the before column).</summary>
    public static string Show(SettingKind kind, QuantityUnit unit, double value, int digits = 6) =>
        kind == SettingKind.Horizon ? Duration(value, digits).Text
        : Spell(kind == SettingKind.MaxUtilization ? QuantityUnit.Ratio : unit, value, digits).Text;

    private static (string Text, double Value) Duration(double seconds, int digits)
    {
        // Whole hours from two hours on ("36h"), else whole minutes ("95m").
        var (unit, suffix) = seconds >= 7200 ? (3600, "h") : (60, "m");
        var count = Math.Max(1, Math.Round(Round(seconds / unit, digits)));
        return (count.ToString("0", CultureInfo.InvariantCulture) + suffix, count * unit);
    }

    private static (string Text, double Value) Spell(QuantityUnit unit, double value, int digits)
    {
        var (scale, suffix) = unit switch
        {
            QuantityUnit.Ratio => (0.01, "%"),
            QuantityUnit.Bytes => Math.Abs(value) switch
            {
                >= 1L << 30 => (1L << 30, "Gi"),
                >= 1 << 20 => (1 << 20, "Mi"),
                >= 1 << 10 => (1 << 10, "Ki"),
                _ => (1d, ""),
            },
            QuantityUnit.Seconds => Math.Abs(value) < 1 ? (0.001, "ms") : (1d, "s"),
            _ => (1d, ""),
        };
        var shown = Round(value / scale, digits);
        var text = shown.ToString("0.##########", CultureInfo.InvariantCulture) + suffix;
        return (text, Quantities.Quantity.TryParse(text, out var read) ? read.Value : shown * scale);
    }

    private static double Round(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var decimals = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return decimals >= 0 ? Math.Round(value, Math.Min(decimals, 15)) : Math.Round(value / Math.Pow(10, -decimals)) * Math.Pow(10, -decimals);
    }
}
