using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeployVerifier.Metrics;

namespace DeployVerifier.Prometheus;

/// <summary>
/// The API's answer envelope, read by System.Text.Json straight from the response: the envelope and its lists resume
/// as the bytes arrive, and only one part of the result at a time (a series, at most one range chunk's points) is held
/// as JSON before it becomes a <see cref="Series"/>. No whole-body copy, no document tree.
/// </summary>
internal sealed class PrometheusAnswer
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("errorType")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("data")]
    public PrometheusData? Data { get; set; }

    // Kept as JSON: the API's lists of strings, where anything else is ignored rather than refused.
    [JsonPropertyName("warnings")]
    public JsonElement? Warnings { get; set; }

    [JsonPropertyName("infos")]
    public JsonElement? Infos { get; set; }
}

internal sealed class PrometheusData
{
    [JsonPropertyName("resultType")]
    public string? ResultType { get; set; }

    [JsonPropertyName("result")]
    public List<ResultPart>? Result { get; set; }
}

/// <summary>
/// One element of <c>data.result</c>: a series of a vector or matrix, or one half of a scalar's or string's
/// <c>[time, "value"]</c>.
/// </summary>
[JsonConverter(typeof(ResultPartConverter))]
/// <param name="Series">The series, when the part is an object.</param>
/// <param name="RawTime">A number's text, when the part is one (a time), with <paramref name="Seconds"/> its value if a decimal holds it.</param>
/// <param name="Seconds">The time in Unix seconds.</param>
/// <param name="Text">A string's value (a sample value, or a string result).</param>
internal sealed record ResultPart(Series? Series, string? RawTime = null, decimal? Seconds = null, string? Text = null);

/// <summary>Reads one result part; a series' samples go straight into their list.</summary>
internal sealed class ResultPartConverter : JsonConverter<ResultPart>
{
    public override ResultPart Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.StartObject => new ResultPart(ReadSeries(ref reader)),
        JsonTokenType.Number => new ResultPart(null, Raw(ref reader), reader.TryGetDecimal(out var seconds) ? seconds : null),
        JsonTokenType.String => new ResultPart(null, Text: reader.GetString()),
        var other => throw new JsonException($"a result element is a JSON {other}, not a series, time or value"),
    };

    public override void Write(Utf8JsonWriter writer, ResultPart value, JsonSerializerOptions options) =>
        throw new NotSupportedException("answers are only read");

    /// <summary>A series: <c>metric</c>'s labels, and <c>values</c> (a matrix) or <c>value</c> (a vector). A native
    /// histogram comes under <c>histogram(s)</c> instead; such a series is kept without samples.</summary>
    private static Series ReadSeries(ref Utf8JsonReader reader)
    {
        var labels = Labels.Empty;
        List<Sample> samples = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "metric":
                    labels = ReadLabels(ref reader);
                    break;
                case "values":
                    Expect(ref reader, JsonTokenType.StartArray, "values");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        samples.Add(ReadSample(ref reader));
                    }

                    break;
                case "value":
                    samples.Add(ReadSample(ref reader));
                    break;
                default:
                    // The whole part is buffered before a converter reads it, so this always succeeds.
                    if (!reader.TrySkip())
                    {
                        throw new JsonException($"the series' {name} is cut short");
                    }

                    break;
            }
        }

        return new Series(labels, samples.ToArray());
    }

    private static Labels ReadLabels(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "metric");
        var labels = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            labels.Add(KeyValuePair.Create(name, reader.GetString() ?? string.Empty));
        }

        return new Labels(labels);
    }

    /// <summary><c>[unix seconds, "value"]</c>.</summary>
    private static Sample ReadSample(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "a sample");
        reader.Read();

        // The time's text is made only for the error: this runs once per sample.
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var seconds) || !PrometheusFormat.TryTime(seconds, out var time))
        {
            throw new FormatException($"the sample time {Raw(ref reader)} is out of range");
        }

        reader.Read();
        var value = PrometheusFormat.ParseValue(reader.GetString() ?? string.Empty);
        reader.Read();
        Expect(ref reader, JsonTokenType.EndArray, "a sample");
        return new Sample(time, value);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"{what} has a JSON {reader.TokenType} where {token} was expected");
        }
    }

    /// <summary>The token's text as written (a string in its quotes).</summary>
    private static string Raw(ref Utf8JsonReader reader)
    {
        var text = reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
        return reader.TokenType == JsonTokenType.String ? $"\"{text}\"" : text;
    }
}

[JsonSerializable(typeof(PrometheusAnswer))]
[JsonSourceGenerationOptions(DefaultBufferSize = 64 * 1024)]
internal sealed partial class PrometheusAnswerContext : JsonSerializerContext;
