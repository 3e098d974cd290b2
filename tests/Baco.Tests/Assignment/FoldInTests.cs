using Baco.Assignment;
using Baco.Clustering.Balanced;
using Baco.Graph;
using Baco.Models;
using Baco.Tests.Cli;

namespace Baco.Tests.Assignment;

public class FoldInTests
{
    private static (BipartiteGraph Graph, IRecommenderModel Model, Recommender Recommender) Trained(ModelKind kind)
    {
        var graph = TestGraphs.Planted(60, 40, 4, 6, 0.8, 7);
        var assignment = new BacoCompressor().Run(graph, 0.5, seed: 1).Assignment;
        var model = RecommenderModels.Create(kind, assignment, graph, 16, 2, 11);
        return (graph, model, new Recommender(model, graph.ToInteractions()));
    }

    /// <summary>
    /// A user of the model folded in with their own rows and exactly their training items gets
    /// the embedding and the ranking training-time scoring gives them. For LightGCN this is
    /// exact because the user's edges are already in the graph whose item layers fold-in reads;
    /// a truly new user's edges are not added to the items' side (the graph is unchanged).
    /// </summary>
    [Theory]
    [InlineData(ModelKind.MatrixFactorization)]
    [InlineData(ModelKind.LightGcn)]
    public void AKnownUserFoldedInWithTheirTrainingItemsScoresAsAtTrainingTime(ModelKind kind)
    {
        var (graph, model, recommender) = Trained(kind);
        var users = new float[model.UserCount * model.Dim];
        var items = new float[model.ItemCount * model.Dim];
        model.ComputeEmbeddings(users, items);
        var folded = new float[model.Dim];
        int checkedUsers = 0;
        for (int u = 0; u < graph.UserCount; u += 7)
        {
            var codes = model.Assignment.Users.CodesOf(u);
            int[] neighbours = graph.ItemsOf(u).ToArray();
            model.FoldInUser(codes, neighbours, folded);
            for (int c = 0; c < model.Dim; c++)
            {
                Assert.Equal(users[(u * model.Dim) + c], folded[c], 1e-6f);
            }

            var expected = recommender.Recommend(u, 10);
            var actual = recommender.RecommendFolded(codes, neighbours, 10);
            Assert.Equal(expected.Select(r => r.Item), actual.Select(r => r.Item));
            Assert.All(actual, r => Assert.DoesNotContain(r.Item, neighbours));
            checkedUsers++;
        }

        Assert.True(checkedUsers >= 8);
    }

    [Fact]
    public void ANewUserIsPlacedByTheAssignmentsRuleAndGetsTopItemsWithoutTheGivenOnes()
    {
        var (graph, model, recommender) = Trained(ModelKind.LightGcn);
        var assigner = new IncrementalAssigner(model.Assignment, 1);
        int[] given = [.. graph.ItemsOf(3)];
        var placement = assigner.PlaceUser(model.UserCount, given);
        var viaApi = recommender.RecommendNewUser(assigner, given, 15);
        var viaCodes = recommender.RecommendFolded(placement.Codes, given, 15);
        Assert.Equal(15, viaApi.Count);
        Assert.Equal(viaCodes.Select(r => r.Item), viaApi.Select(r => r.Item));
        Assert.DoesNotContain(viaApi, r => given.Contains(r.Item));
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void RecommendFoldsInAUserGivenByItems()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string test = tmp.File("test.tsv", "user\titem\nu0\tbook-0-10\nu1\tbook-1-10\n");
        string modelDir = tmp["model"];
        var (code, _, err) = CliRunner.Run("train", "--train", train, "--test", test, "--gamma", "0.5", "--epochs", "2", "--eval-every", "0", "--dim", "8", "--out", modelDir);
        Assert.True(code == 0, err);
        var (rc, stdout, stderr) = CliRunner.Run("recommend", "--model", modelDir, "--items", "book-0-1,book-0-2", "-k", "5");
        Assert.True(rc == 0, stderr);
        Assert.Contains("new user", stdout);
        Assert.DoesNotContain("book-0-1 ", stdout);
        Assert.DoesNotContain("book-0-2 ", stdout);

        foreach (var args in new[] { new[] { "recommend", "--model", modelDir }, ["recommend", "--model", modelDir, "--user", "u1", "--items", "book-0-1"], ["recommend", "--model", modelDir, "--items", "nope"] })
        {
            var (c, _, e) = CliRunner.Run(args);
            Assert.Equal(2, c);
            Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("baco: error", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// A user of the validation file only has no training interaction, so their row learnt nothing
    /// about them: recommend folds them in from their validation items, exactly as '--items' with
    /// those items would, for LightGCN (whose graph says who was trained on) and for MF (whose
    /// model directory now keeps its training interactions). A user of the test file only is refused.
    /// </summary>
    [Trait("Category", "Fault")]
    [Theory]
    [InlineData("lightgcn")]
    [InlineData("mf")]
    public void AUserOfTheValidationDataOnlyIsFoldedInFromTheirItems(string kind)
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string val = tmp.File("val.tsv", "user\titem\nu1\tbook-1-9\nlate\tbook-0-1\nlate\tbook-0-2\nu3\tvalonly\nlost\tvalonly\n");
        string test = tmp.File("test.tsv", "user\titem\nu0\tbook-0-10\nonlytest\tbook-1-2\n");
        string modelDir = tmp["model"];
        var (code, _, err) = CliRunner.Run("train", "--train", train, "--val", val, "--test", test, "--model", kind, "--gamma", "0.5", "--epochs", "2", "--eval-every", "1", "--dim", "8", "--out", modelDir);
        Assert.True(code == 0, err);

        var (rc, stdout, stderr) = CliRunner.Run("recommend", "--model", modelDir, "--user", "late", "-k", "5");
        Assert.True(rc == 0, stderr);
        Assert.Contains("'late' has only validation interactions", stderr, StringComparison.Ordinal);
        Assert.Contains("from their 2 items", stderr, StringComparison.Ordinal);
        var (itemsRc, itemsOut, itemsErr) = CliRunner.Run("recommend", "--model", modelDir, "--items", "book-0-1,book-0-2", "-k", "5");
        Assert.True(itemsRc == 0, itemsErr);
        Assert.Equal(Ranking(itemsOut), Ranking(stdout));
        Assert.Equal(5, Ranking(stdout).Count);

        var (testRc, _, testErr) = CliRunner.Run("recommend", "--model", modelDir, "--user", "onlytest");
        Assert.Equal(2, testRc);
        Assert.Contains("'onlytest' has no training interactions", testErr, StringComparison.Ordinal);

        // An item of the validation data only learnt nothing: never recommended, refused as --items,
        // and a user whose only item it is has nothing to be folded in from.
        Assert.DoesNotContain("valonly", CliRunner.Run("recommend", "--model", modelDir, "--user", "u1", "-k", "200").Out, StringComparison.Ordinal);
        var (valItemRc, _, valItemErr) = CliRunner.Run("recommend", "--model", modelDir, "--items", "valonly");
        Assert.Equal(2, valItemRc);
        Assert.Contains("'valonly' has no training interactions in this model (an item of --val or --test only", valItemErr, StringComparison.Ordinal);
        var (lostRc, _, lostErr) = CliRunner.Run("recommend", "--model", modelDir, "--user", "lost");
        Assert.Equal(2, lostRc);
        Assert.Contains("nothing to fold them in from", lostErr, StringComparison.Ordinal);

        // A trained user is still scored from their own row, with no note.
        var (userRc, _, userErr) = CliRunner.Run("recommend", "--model", modelDir, "--user", "u1", "-k", "5");
        Assert.True(userRc == 0, userErr);
        Assert.DoesNotContain("note:", userErr, StringComparison.Ordinal);

        static List<string> Ranking(string table) => [.. table.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 3 && int.TryParse(f[0], out _)).Select(f => f[1] + " " + f[2])];
    }

    [Fact]
    public void AFullModelCannotFoldInANewUserAndSaysWhatToDoInstead()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string modelDir = tmp["model"];
        var (code, _, err) = CliRunner.Run("train", "--train", train, "--method", "full", "--epochs", "1", "--eval-every", "0", "--dim", "4", "--out", modelDir);
        Assert.True(code == 0, err);

        var (rc, stdout, stderr) = CliRunner.Run("recommend", "--model", modelDir, "--items", "book-0-1,book-0-2");

        Assert.Equal(2, rc);
        Assert.Equal(string.Empty, stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("baco: error: '--items': this model was trained with method 'full', which cannot fold in a new user (it gives every entity its own row, so a new entity would need a new row); add the user's interactions to the training file and train again, or train with a method that can (baco, ", line);
        Assert.DoesNotContain("compress", line);
    }
}
