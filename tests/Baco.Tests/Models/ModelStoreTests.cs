using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Codebooks;
using Baco.Data;
using Baco.IO;
using Baco.Models;
using Baco.Tests.Faults;
using Baco.Tests.TestSupport;

namespace Baco.Tests.Models;

public class ModelStoreTests
{
    [Theory]
    [InlineData(ModelKind.LightGcn, "two")]
    [InlineData(ModelKind.MatrixFactorization, "one")]
    public void SaveLoadGivesIdenticalScores(ModelKind kind, string assignment)
    {
        var model = RecommenderModels.Create(kind, TinyData.Assignment(assignment), TinyData.Graph(), 8, 2, 3);
        var seen = InteractionList.FromPairs([0, 1, 2, 3], [1, 2, 3, 4]);
        using var dir = new TempDirectory();
        Save(dir.Path, model, seen);
        var (loaded, loadedSeen, config, stored) = ModelStore.Load(dir.Path);
        Assert.Equal(kind, config.Model);
        Assert.Equal(seen.Items, loadedSeen.Items);
        Assert.Equal("u3", stored.Users.NameOf(3));
        Assert.Equal(model.Assignment.Users.Codes, loaded.Assignment.Users.Codes);
        var a = new Recommender(model, seen);
        var b = new Recommender(loaded, loadedSeen);
        for (int u = 0; u < 4; u++)
        {
            Assert.Equal(a.Recommend(u, 5), b.Recommend(u, 5));
        }

        Assert.DoesNotContain(a.Recommend(0, 5), r => r.Item == 1);

        // MF is given no training interactions here, so the seen ones decide what was trained:
        // item 0 is in none. LightGCN's graph is its training interactions, and decides for it.
        int[] untrained = kind == ModelKind.MatrixFactorization ? [0] : [.. Enumerable.Range(0, 5).Where(i => TinyData.Graph().ItemDegree(i) == 0)];
        Assert.Equal(untrained, a.UntrainedItems);
        Assert.Equal(untrained, b.UntrainedItems);
        Assert.Equal(5 - untrained.Union([1]).Count(), a.Recommend(0, 5).Count);
    }

    [Fact]
    public void EachFileIsWrittenOnceInTheAssignmentLayout()
    {
        var model = RecommenderModels.Create(ModelKind.LightGcn, TinyData.Assignment("two"), TinyData.Graph(), 8, 2, 3);
        using var dir = new TempDirectory();
        Save(dir.Path, model, InteractionList.Empty);
        // Items use the identity map, so no item_ids.txt.
        string[] files = [.. Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(
            ["assignment.json", "config.json", "graph_items.npy", "graph_users.npy", "item_codebook.npy", "item_codes.npy", "item_offsets.npy",
             "seen_items.npy", "seen_users.npy", "summary.json", "user_codebook.npy", "user_codes.npy", "user_ids.txt", "user_offsets.npy"],
            files);
        Assert.Equal(model.Assignment.Items.Codes, AssignmentStore.Load(dir.Path).Assignment.Items.Codes);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void CorruptFilesAreReportedByName()
    {
        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("one"), TinyData.Graph(), 8, 2, 3);
        using var dir = new TempDirectory();
        Save(dir.Path, model, InteractionList.FromPairs([0], [1]));

        // A codebook of the wrong width.
        string book = Path.Combine(dir.Path, "item_codebook.npy");
        byte[] original = File.ReadAllBytes(book);
        NpyFile.WriteFloat32Matrix(book, new float[3 * 4], 3, 4);
        var e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Equal(book, e.File);
        Assert.Contains("expected 3 x 8", e.Reason, StringComparison.Ordinal);
        File.WriteAllBytes(book, original);

        // A seen item outside the model.
        string seenItems = Path.Combine(dir.Path, "seen_items.npy");
        NpyFile.WriteInt32(seenItems, [5]);
        e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Equal(seenItems, e.File);
        Assert.Contains("outside the model's 5 items", e.Reason, StringComparison.Ordinal);
        NpyFile.WriteInt32(seenItems, [1]);

        // A config that disagrees with the assignment, then one that is not JSON.
        string config = Path.Combine(dir.Path, ModelStore.ConfigFile);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"users\": 4", "\"users\": 7", StringComparison.Ordinal));
        e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Contains("7 users", e.Reason, StringComparison.Ordinal);
        File.WriteAllText(config, "{ not json");
        e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Equal(config, e.File);
        File.Delete(config);
        e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Contains("not found", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AVersionOneConfigIsStillRead()
    {
        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("one"), TinyData.Graph(), 8, 2, 3);
        using var dir = new TempDirectory();
        Save(dir.Path, model, InteractionList.FromPairs([0], [1]));
        string config = Path.Combine(dir.Path, ModelStore.ConfigFile);
        Assert.Contains("\"model\": \"mf\"", File.ReadAllText(config), StringComparison.Ordinal);

        // Version 1 wrote PascalCase keys and C# enum names.
        File.WriteAllText(config, """
            { "FormatVersion": 1, "Model": "MatrixFactorization", "Layers": 2, "Dim": 8, "Users": 4, "Items": 5,
              "UserRows": 2, "ItemRows": 3, "Method": "one", "Combiner": "Mean" }
            """);
        var loaded = ModelStore.Load(dir.Path);
        Assert.Equal(ModelKind.MatrixFactorization, loaded.Config.Model);
        Assert.Equal(8, loaded.Config.Dim);
    }

    [Trait("Category", "Fault")]
    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void ANonFiniteCodebookIsRefusedNamingTheFileAndPlace(float bad, string shown)
    {
        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("one"), TinyData.Graph(), 8, 2, 3);
        using var dir = new TempDirectory();
        Save(dir.Path, model, InteractionList.FromPairs([0], [1]));
        string book = Path.Combine(dir.Path, "user_codebook.npy");
        var values = (float[])model.Parameters[0].Clone();
        values[(1 * 8) + 5] = bad;
        NpyFile.WriteFloat32Matrix(book, values, 2, 8);
        var e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Equal(book, e.File);
        Assert.StartsWith($"row 1, column 5 is {shown}: the model is unusable", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SavingIntoAFolderThatHoldsAnythingIsRefusedAndTouchesNothing()
    {
        var model = RecommenderModels.Create(ModelKind.LightGcn, TinyData.Assignment("two"), TinyData.Graph(), 8, 2, 3);
        using var dir = new TempDirectory();

        // The user's own config.json, and an earlier assignment: neither may be overwritten.
        string mine = dir.File("config.json", "mine");
        var e = Assert.Throws<OutputPathException>(() => Save(dir.Path, model, InteractionList.Empty));
        Assert.Contains("is not empty", e.Reason, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(mine));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));

        string earlier = dir["earlier"];
        AssignmentStore.Write(earlier, model.Assignment, IdMap.Identity(model.UserCount), IdMap.Identity(model.ItemCount), new JsonObject());
        var before = FileTree.Snapshot(earlier);
        Assert.Throws<OutputPathException>(() => Save(earlier, model, InteractionList.Empty));
        Assert.Throws<OutputPathException>(() => AssignmentStore.WriteInto(earlier, model.Assignment, IdMap.Identity(model.UserCount), IdMap.Identity(model.ItemCount), new JsonObject()));
        Assert.Equal(before, FileTree.Snapshot(earlier));
        Assert.Equal(model.Assignment.Users.Codes, AssignmentStore.Load(earlier).Assignment.Users.Codes);

        // A new directory is created and written.
        Save(dir["new"], model, InteractionList.Empty);
        Assert.Equal(model.Assignment.Users.Codes, ModelStore.Load(dir["new"]).Assignment.Assignment.Users.Codes);
    }

    [Fact]
    public void IdMapsOrSeenInteractionsThatDoNotFitTheModelAreRefusedBeforeWriting()
    {
        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("one"), TinyData.Graph(), 8, 2, 3);
        using var dir = new TempDirectory();
        var users = IdMap.Identity(model.UserCount);
        var items = IdMap.Identity(model.ItemCount);

        var wrongMap = Assert.Throws<ArgumentException>(() => ModelStore.Save(dir["a"], model, InteractionList.Empty, IdMap.Identity(2), items, new JsonObject()));
        Assert.Contains($"Id maps (2 users, {model.ItemCount} items) do not match the assignment ({model.UserCount} users", wrongMap.Message, StringComparison.Ordinal);
        var wrongSeen = Assert.Throws<ArgumentException>(() => ModelStore.Save(dir["a"], model, InteractionList.FromPairs([500], [0]), users, items, new JsonObject()));
        Assert.Equal("seen", wrongSeen.ParamName);
        Assert.False(Directory.Exists(dir["a"]));
    }

    private static void Save(string dir, IRecommenderModel model, InteractionList seen)
        => ModelStore.Save(
            dir,
            model,
            seen,
            IdMap.FromNames([.. Enumerable.Range(0, model.UserCount).Select(u => $"u{u}")]),
            IdMap.Identity(model.ItemCount),
            new JsonObject { ["method"] = model.Assignment.Method });

    [Fact]
    public void LookupAveragesOrSumsCodes()
    {
        var side = new SideAssignment(3, [0, 2, 1], [0, 2, 3]);
        float[] book = [1, 2, 3, 4, 5, 6];
        var mean = new CompressedEmbedding(side, CodeCombiner.Mean, 2, book);
        var sum = new CompressedEmbedding(side, CodeCombiner.Sum, 2, book);
        var dst = new float[2];
        mean.LookupOne(0, dst);
        Assert.Equal([3f, 4f], dst);
        sum.LookupOne(0, dst);
        Assert.Equal([6f, 8f], dst);
        mean.LookupOne(1, dst);
        Assert.Equal([3f, 4f], dst);
    }
}
