using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Codebooks;
using Baco.Data;
using Baco.Models;
using Baco.Tests.Cli;

namespace Baco.Tests.PyTorch;

/// <summary>
/// docs/pytorch/baco_torch.py, the code docs/PYTORCH.md shows, against baco itself: a tiny
/// model trained by the CLI, then every user's full ranking (and a folded-in new user's) from
/// the script and from the library's <see cref="Recommender"/>, which `baco recommend` prints.
/// Skipped when no Python with torch and numpy is found (.ci/run installs Debian's).
/// </summary>
public class PyTorchScriptTests
{
    private const double Tolerance = 1e-5;

    /// <summary>
    /// MF on double hashing: two codes per entity, summed; three rows a side, so many exact
    /// ties. Bad input ends the script with one line and exit code 2.
    /// </summary>
    [Fact]
    public void PyTorchReproducesBacoRecommendForMfWithSummedCodes()
    {
        TorchPython.Require();
        using var tmp = new TempDirectory();
        var data = Files(tmp);
        string model = tmp["mf"];
        Cli("train", "--train", data.Train, "--val", data.Val, "--test", data.Test, "--method", "double", "--gamma", "6",
            "--model", "mf", "--dim", "8", "--epochs", "3", "--eval-every", "0", "--init-std", "1", "--out", model);

        var stored = ModelStore.Load(model);
        Assert.Equal(CodeCombiner.Sum, stored.Model.Assignment.Combiner);
        var (ties, errors, done) = CompareWithScript(model, stored, tmp,
            ["recommend", model, "--user", "nobody"],
            ["recommend", model, "--items", "i1", "--assigned", model],
            ["recommend", tmp.Path, "--user", "u1"],
            ["tables", data.Train],
            ["recommend", model, "--user", "u1", "-k", "0"]);
        Assert.True(ties > 0, "the data should give exactly tied scores, so the tie rule is checked");

        string[] expected = ["'nobody' is not a user", "adds no new user", "not a model directory", "not a directory", "'-k': 0 must be at least 1"];
        Assert.Equal(expected.Length, errors.Count);
        for (int r = 0; r < errors.Count; r++)
        {
            Assert.Equal(2, errors[r].Code);
            Assert.Equal("", errors[r].Stdout);
            Assert.StartsWith("baco_torch: error: ", errors[r].Stderr);
            Assert.Contains(expected[r], errors[r].Stderr);
            Assert.Single(errors[r].Stderr.TrimEnd('\n').Split('\n'));
        }

        Ran(done + $"; {errors.Count} kinds of bad input give one line and exit code 2");
    }

    /// <summary>
    /// LightGCN (2 layers) on a `baco compress` output: BACO's mean of a primary and a secondary
    /// user row, cold rows for the entities only in the test file (isolated in the graph).
    /// </summary>
    [Fact]
    public void PyTorchReproducesBacoRecommendForLightGcnOnACompressOutput()
    {
        TorchPython.Require();
        using var tmp = new TempDirectory();
        var data = Files(tmp);
        string compressed = tmp["compressed"], model = tmp["lightgcn"];
        // The paper's settings: on this small graph they give users secondary rows, which the
        // defaults' rehoming does not leave, and the mean of two rows is what is being checked.
        Cli("compress", "--train", data.Train, "--val", data.Val, "--test", data.Test, "--gamma", "0.5", "--dim", "8",
            "--user-weights", "degree", "--rehome-above", "0", "--rehome-items-above", "0", "--out", compressed);
        Cli("train", "--train", data.Train, "--val", data.Val, "--test", data.Test, "--assignment", compressed,
            "--model", "lightgcn", "--layers", "2", "--dim", "8", "--epochs", "3", "--eval-every", "0", "--init-std", "1", "--out", model);

        var stored = ModelStore.Load(model);
        var a = stored.Model.Assignment;
        Assert.Equal(CodeCombiner.Mean, a.Combiner);
        Assert.True(a.Users.ExtraIndices > 0, "some users should have a secondary row");
        Assert.True(a.UserColdRow >= 0 && a.ItemColdRow >= 0, "the test-only user and item should share cold rows");

        // The compress output as EmbeddingBags: the script counts parameters as baco does.
        var (_, more, done) = CompareWithScript(model, stored, tmp, ["tables", compressed, "--json"]);
        var tables = Assert.Single(more);
        Assert.True(tables.Code == 0, tables.Stderr);
        var report = JsonNode.Parse(tables.Stdout)!;
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(compressed, "summary.json")))!;
        Assert.Equal("mean", (string)report["mode"]!);
        Assert.Equal((long)summary["params"]!, (long)report["params"]!);
        Assert.Equal((int)summary["user_rows"]!, (int)report["users"]!["rows"]!);
        Assert.Equal([a.Users.EntityCount, 8], report["users"]!["embeddings"]!.AsArray().Select(x => (int)x!));
        Assert.Equal([a.Items.EntityCount, 8], report["items"]!["embeddings"]!.AsArray().Select(x => (int)x!));
        Ran(done + "; the compress output's EmbeddingBags count baco's parameters");
    }

    /// <summary>
    /// Every user's full ranking and a new user's (folded in through `baco assign`'s rows)
    /// from the script, against the library: same items in the same order, scores within
    /// 1e-5. Two items may trade places only where baco's own scores for them differ by less
    /// than that (float32 sums in another order); exact ties must go to the lower item id.
    /// Returns how many exact ties baco's rankings hold, and the results of <paramref name="more"/>,
    /// further runs of the script in the same process (torch is slow to import), and what was
    /// checked, for <see cref="Ran"/>.
    /// </summary>
    private static (int Ties, IReadOnlyList<ScriptRun> More, string Checked) CompareWithScript(string model, StoredModel stored, TempDirectory tmp, params string[][] more)
    {
        var (trained, seen, _, assignment) = stored;
        var recommender = new Recommender(trained, seen, stored.Training);
        var users = new float[trained.UserCount * trained.Dim];
        var items = new float[trained.ItemCount * trained.Dim];
        trained.ComputeEmbeddings(users, items);
        int k = trained.ItemCount;

        // A new user with three known items: `baco assign` gives their rows.
        string[] newItems = ["i2", "i9", "i17"];
        string interactions = tmp.File("new.tsv", "user\titem\n" + string.Concat(newItems.Select(i => $"newcomer\t{i}\n")));
        string assigned = tmp["assigned"];
        Cli("assign", "--assignment", model, "--interactions", interactions, "--out", assigned);

        var userArgs = new List<string> { "recommend", model, "-k", k.ToString(CultureInfo.InvariantCulture), "--json" };
        for (int u = 0; u < trained.UserCount; u++)
        {
            userArgs.AddRange(["--user", assignment.Users.NameOf(u)]);
        }

        var (runs, where) = TorchPython.RunScript(
            [[.. userArgs], ["recommend", model, "--items", string.Join(',', newItems), "--assigned", assigned, "-k", "10", "--json"], .. more]);
        Assert.All(runs.Take(2), r => Assert.True(r.Code == 0, r.Stderr));

        int ties = 0;
        var perUser = JsonNode.Parse(runs[0].Stdout)!["recommendations"]!.AsArray();
        Assert.Equal(trained.UserCount, perUser.Count);

        for (int u = 0; u < trained.UserCount; u++)
        {
            Assert.Equal(assignment.Users.NameOf(u), (string)perUser[u]!["user"]!);
            var expected = recommender.Recommend(u, k);
            // Seen items are never recommended, nor items in no training interaction (trained on nothing).
            Assert.Equal(trained.ItemCount - recommender.SeenItemsOf(u).ToArray().Union(recommender.UntrainedItems).Count(), expected.Count);
            ties += Same(expected, perUser[u]!, assignment.Items, users.AsSpan(u * trained.Dim, trained.Dim), items, $"user {assignment.Users.NameOf(u)}");
        }

        int[] dense = [.. newItems.Select(i => assignment.Items.TryGetId(i, out int id) ? id : throw new InvalidOperationException(i))];
        var assigner = IncrementalAssigner.FromStored(assignment, model);
        var folded = new float[trained.Dim];
        trained.FoldInUser(assigner.PlaceUser(trained.UserCount, dense).Codes, [.. dense.Order()], folded);
        var newUser = JsonNode.Parse(runs[1].Stdout)!["recommendations"]![0]!;
        Same(recommender.RecommendNewUser(assigner, dense, 10), newUser, assignment.Items, folded, items, "the new user");
        return (ties, [.. runs.Skip(2)], $"{trained.Kind} ({trained.Assignment.Method}, {trained.Assignment.Combiner}): {trained.UserCount} users' rankings and a new user's match baco recommend within {Tolerance:0e0} ({where})");
    }

    private static int Same(IReadOnlyList<Recommendation> expected, JsonNode actual, IdMap names, ReadOnlySpan<float> user, float[] items, string who)
    {
        var actualItems = actual["items"]!.AsArray().Select(x => (string)x!).ToArray();
        var actualScores = actual["scores"]!.AsArray().Select(x => (double)x!).ToArray();
        Assert.True(expected.Count == actualItems.Length, $"{who}: baco ranks {expected.Count} items, the script {actualItems.Length}");
        int ties = 0;
        for (int j = 0; j < expected.Count; j++)
        {
            string want = names.NameOf(expected[j].Item);
            Assert.True(Math.Abs(expected[j].Score - actualScores[j]) <= Tolerance, $"{who}, rank {j + 1}: baco {expected[j].Score:R}, script {actualScores[j]:R}");
            if (want != actualItems[j])
            {
                Assert.True(names.TryGetId(actualItems[j], out int other), $"{who}: unknown item {actualItems[j]}");
                double gap = Math.Abs(Dot(user, items, expected[j].Item) - Dot(user, items, other));
                Assert.True(gap > 0 && gap <= Tolerance, $"{who}, rank {j + 1}: baco {want}, script {actualItems[j]} (baco's scores differ by {gap:R})");
            }

            if (j > 0 && expected[j].Score == expected[j - 1].Score)
            {
                ties++;
            }
        }

        return ties;
    }

    private static double Dot(ReadOnlySpan<float> user, float[] items, int item)
    {
        double sum = 0;
        for (int d = 0; d < user.Length; d++)
        {
            sum += (double)user[d] * items[(item * user.Length) + d];
        }

        return sum;
    }

    /// <summary>
    /// Says that a check ran to its end in a diagnostic message, which `dotnet test` prints
    /// (xunit.runner.json): the CI log shows these tests ran, where a skip shows as [SKIP].
    /// </summary>
    private static void Ran(string what) => TestContext.Current.SendDiagnosticMessage("PyTorch parity ran: " + what);

    private static void Cli(params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, $"baco {args[0]} failed ({code}): {stderr}");
    }

    /// <summary>
    /// 30 users in three taste groups over items i0..i23, string ids: per user one test item,
    /// one validation item, five training items; a user and an item that only the test file
    /// has (isolated in the training graph).
    /// </summary>
    private static (string Train, string Val, string Test) Files(TempDirectory tmp)
    {
        var rng = new Random(3);
        StringBuilder train = new("user\titem\n"), val = new("user\titem\n"), test = new("user\titem\n");
        for (int u = 0; u < 30; u++)
        {
            var chosen = new SortedSet<int>();
            while (chosen.Count < 7)
            {
                chosen.Add(rng.NextDouble() < 0.8 ? ((u % 3) * 8) + rng.Next(8) : rng.Next(24));
            }

            int k = 0;
            foreach (int i in chosen)
            {
                (k == 0 ? test : k == 1 ? val : train).Append(CultureInfo.InvariantCulture, $"u{u}\ti{i}\n");
                k++;
            }
        }

        test.Append("loner\ti5\nu3\tunsold\n");
        return (tmp.File("train.tsv", train.ToString()), tmp.File("val.tsv", val.ToString()), tmp.File("test.tsv", test.ToString()));
    }
}
