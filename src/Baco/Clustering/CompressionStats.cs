using System.Text.Json.Nodes;

namespace Baco.Clustering;

/// <summary>
/// What a compression run reports about itself besides its assignment. Each method fills the
/// figures it has; the others stay null and are left out of summary.json's "stats".
/// </summary>
public sealed record CompressionStats
{
    /// <summary>Clusterings the knob search ran to meet the budget (null when the knob was given).</summary>
    public int? SearchRuns { get; init; }

    /// <summary>Whether the search's result is within its tolerance of the budget.</summary>
    public bool? WithinTolerance { get; init; }

    /// <summary>Rows of the result, both sides.</summary>
    public int? Rows { get; init; }

    /// <summary>User rows of the result.</summary>
    public int? UserRows { get; init; }

    /// <summary>Item rows of the result.</summary>
    public int? ItemRows { get; init; }

    /// <summary>Label-propagation passes run (BACO, LP; LP's is fractional when it stopped mid-pass at the row budget).</summary>
    public double? Passes { get; init; }

    /// <summary>BACO: the balanced objective Q of the final labels.</summary>
    public double? ObjectiveQ { get; init; }

    /// <summary>BACO: whether the passes stopped before T (converged or at the row budget).</summary>
    public bool? StoppedEarly { get; init; }

    /// <summary>BACO: users given a secondary row.</summary>
    public int? SecondaryUsers { get; init; }

    /// <summary>BACO: items given a secondary row (null when the option is off or none took one).</summary>
    public int? SecondaryItems { get; init; }

    /// <summary>BACO: users moved off the giant co-cluster by the rehoming (null when it did not act).</summary>
    public int? RehomedUsers { get; init; }

    /// <summary>BACO: items moved off the giant co-cluster by the item rehoming (null when it did not act).</summary>
    public int? RehomedItems { get; init; }

    /// <summary>BACO: co-clusters (labels holding a user or an item).</summary>
    public int? CoClusters { get; init; }

    /// <summary>BACO: Gini coefficient of the co-cluster sizes.</summary>
    public double? Gini { get; init; }

    /// <summary>BACO: ACCL, interactions joining two different co-clusters divided by K choose 2.</summary>
    public double? Accl { get; init; }

    /// <summary>Graph methods: bipartite modularity (Barber) of the result.</summary>
    public double? Modularity { get; init; }

    /// <summary>Louvain and Leiden: aggregation levels.</summary>
    public int? Levels { get; init; }

    /// <summary>Spectral co-clustering: singular vectors used.</summary>
    public int? SingularVectors { get; init; }

    /// <summary>Spectral co-clustering: k-means iterations.</summary>
    public int? KMeansIterations { get; init; }

    /// <summary>The figures present, under their summary.json names, in ordinal key order; non-finite values as null.</summary>
    public JsonObject ToJson()
    {
        var fields = new SortedDictionary<string, double>(StringComparer.Ordinal);
        void Add(string key, double? value)
        {
            if (value is double v)
            {
                fields[key] = v;
            }
        }

        Add("search_runs", SearchRuns);
        Add("within_tolerance", Flag(WithinTolerance));
        Add("rows", Rows);
        Add("user_rows", UserRows);
        Add("item_rows", ItemRows);
        Add("passes", Passes);
        Add("objective_q", ObjectiveQ);
        Add("stopped_early", Flag(StoppedEarly));
        Add("secondary_users", SecondaryUsers);
        Add("secondary_items", SecondaryItems);
        Add("rehomed_users", RehomedUsers);
        Add("rehomed_items", RehomedItems);
        Add("co_clusters", CoClusters);
        Add("gini", Gini);
        Add("accl", Accl);
        Add("Q", Modularity);
        Add("levels", Levels);
        Add("singular_vectors", SingularVectors);
        Add("kmeans_iterations", KMeansIterations);
        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = double.IsFinite(value) ? JsonValue.Create(value) : null;
        }

        return json;
    }

    // summary.json has always written flags as 1 / 0.
    private static double? Flag(bool? flag) => flag is bool b ? (b ? 1 : 0) : null;
}
