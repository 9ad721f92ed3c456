namespace DeployVerifier.Prometheus.Tests.Support;

/// <summary>Canned API answers, shaped like Prometheus 2.x/3.x sends them.</summary>
internal static class PrometheusAnswers
{
    public const string Vector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"__name__":"up","job":"api","pod":"api-1"},"value":[1700000000.5,"1"]},
          {"metric":{"__name__":"up","job":"api","pod":"api-2"},"value":[1700000000.5,"0"]}]}}
        """;

    public const string Scalar = """{"status":"success","data":{"resultType":"scalar","result":[1700000000,"42.5"]}}""";

    public const string VectorOne = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}""";

    public const string Empty = """{"status":"success","data":{"resultType":"vector","result":[]}}""";

    public static string VectorValue(string value) =>
        $$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"api"},"value":[1700000000,"{{{value}}}"]}]}}""";

    public static string Error(string errorType, string error) =>
        $$$"""{"status":"error","errorType":"{{{errorType}}}","error":"{{{error}}}"}""";
}
