using System.Globalization;
using System.Text.RegularExpressions;

namespace DeployVerifier.Quantities;

/// <summary>A threshold as people write it (<c>1%</c>, <c>512MiB</c>, <c>250ms</c>, <c>0.5</c>), held in base units.</summary>
public readonly partial record struct Quantity(double Value, QuantityUnit Unit)
{
    private static readonly Dictionary<string, (double Factor, QuantityUnit Unit)> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = (1, QuantityUnit.Number),
        ["%"] = (0.01, QuantityUnit.Ratio),
        ["B"] = (1, QuantityUnit.Bytes),
        ["KiB"] = (1024d, QuantityUnit.Bytes),
        ["MiB"] = (1024d * 1024, QuantityUnit.Bytes),
        ["GiB"] = (1024d * 1024 * 1024, QuantityUnit.Bytes),
        ["TiB"] = (1024d * 1024 * 1024 * 1024, QuantityUnit.Bytes),
        ["kB"] = (1e3, QuantityUnit.Bytes),
        ["KB"] = (1e3, QuantityUnit.Bytes),
        ["MB"] = (1e6, QuantityUnit.Bytes),
        ["GB"] = (1e9, QuantityUnit.Bytes),
        ["TB"] = (1e12, QuantityUnit.Bytes),
        ["us"] = (1e-6, QuantityUnit.Seconds),
        ["µs"] = (1e-6, QuantityUnit.Seconds),
        ["ms"] = (1e-3, QuantityUnit.Seconds),
        ["s"] = (1, QuantityUnit.Seconds),
        ["m"] = (60, QuantityUnit.Seconds),
        ["min"] = (60, QuantityUnit.Seconds),
        ["h"] = (3600, QuantityUnit.Seconds),
    };

    [GeneratedRegex(@"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zµ%]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    /// <summary>The suffixes a threshold may carry, for error messages.</summary>
    public static string KnownSuffixes => "%, B, KiB, MiB, GiB, TiB, kB, KB, MB, GB, TB, us, µs, ms, s, m, min, h";

    /// <summary>Parses a number with an optional unit suffix; unknown suffixes, NaN and infinities are refused.</summary>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        if (text is null)
        {
            return false;
        }

        var match = Syntax().Match(text);
        if (!match.Success
            || !Suffixes.TryGetValue(match.Groups[2].Value, out var suffix)
            || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            return false;
        }

        quantity = new Quantity(number * suffix.Factor, suffix.Unit);
        return true;
    }

    public override string ToString() => Format(Value, Unit);

    /// <summary>Writes a value in base units for people: <c>1.2%</c>, <c>812 MiB</c>, <c>240 ms</c>, <c>NaN</c>.</summary>
    public static string Format(double value, QuantityUnit unit)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return unit switch
        {
            QuantityUnit.Ratio => Number(value * 100) + "%",
            QuantityUnit.Bytes => FormatBytes(value),
            QuantityUnit.Seconds => Math.Abs(value) < 1 ? Number(value * 1000) + " ms" : Number(value) + " s",
            _ => Number(value),
        };
    }

    /// <summary>A rate of change for people, per minute: "36 MiB/min", "0.5%/min".</summary>
    public static string FormatRatePerMinute(double perSecond, QuantityUnit unit) => Format(perSecond * 60, unit) + "/min";

    private static string FormatBytes(double bytes)
    {
        string[] prefixes = ["B", "KiB", "MiB", "GiB", "TiB"];
        var scaled = bytes;
        var index = 0;
        while (Math.Abs(scaled) >= 1024 && index < prefixes.Length - 1)
        {
            scaled /= 1024;
            index++;
        }

        return Number(scaled) + " " + prefixes[index];
    }

    private static string Number(double value)
    {
        var magnitude = Math.Abs(value);
        var digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return Math.Round(value, digits).ToString("0.###", CultureInfo.InvariantCulture);
    }
}
