using DeployVerifier.Metrics;

namespace DeployVerifier.Cli.Output;

/// <summary>
/// The store as the verdict and the reports see it: the server's own words (error texts, warnings) are redacted as
/// they come in, before any report escapes them for JSON, HTML or Markdown, where a masked secret would no longer
/// match the escaped text (<c>+</c> becomes <c>\u002B</c>, <c>&lt;</c> <c>&amp;lt;</c>, <c>|</c> <c>\|</c>).
/// </summary>
internal sealed class RedactingMetricStore(IMetricStore inner, Func<string, string> redact) : IMetricStore
{
    public async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inner.CheckReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MetricStoreException exception)
        {
            throw Redacted(exception);
        }
    }

    public async Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        try
        {
            return Redacted(await inner.QueryAsync(query, time, cancellationToken).ConfigureAwait(false));
        }
        catch (MetricStoreException exception)
        {
            throw Redacted(exception);
        }
    }

    public async Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        try
        {
            return Redacted(await inner.QueryRangeAsync(query, start, end, step, cancellationToken).ConfigureAwait(false));
        }
        catch (MetricStoreException exception)
        {
            throw Redacted(exception);
        }
    }

    private QueryResult Redacted(QueryResult result) =>
        result.Warnings.Count == 0 ? result : result with { Warnings = [.. result.Warnings.Select(redact)] };

    // The original is not kept as the inner exception: its message is the unredacted one.
    private MetricStoreException Redacted(MetricStoreException exception) => exception switch
    {
        InvalidQueryException invalid => new InvalidQueryException(invalid.Query, invalid.ErrorType, redact(invalid.ServerMessage)),
        MetricStoreAddressException => new MetricStoreAddressException(redact(exception.Message), exception.InnerException),
        _ => new MetricStoreUnavailableException(redact(exception.Message), exception.InnerException),
    };
}
