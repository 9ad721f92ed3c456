namespace DeployVerifier.Plans;

/// <summary>Whether the invocation talks to the metric store, and so needs its address.</summary>
public enum StoreNeed
{
    /// <summary>The store is not contacted (<c>validate --offline</c>, and the plan's own tests).</summary>
    None,

    /// <summary>The store is queried (<c>verify</c>, <c>backtest</c>): without an address nothing can be judged.</summary>
    Required,

    /// <summary>The queries are checked against the store (<c>validate</c>), unless <c>--offline</c> says to check the file only.</summary>
    RequiredUnlessOffline,
}
