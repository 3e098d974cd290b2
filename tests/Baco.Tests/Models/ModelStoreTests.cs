using Baco.Codebooks;
using Baco.Models;
using Baco.Tests.TestSupport;

namespace Baco.Tests.Models;

public class ModelStoreTests
{
    [Theory]
    [InlineData(ModelKind.LightGcn, "two")]
    [InlineData(ModelKind.MatrixFactorization, "one")]
    public void SaveLoadGivesIdenticalScores(ModelKind kind, string assignment)
    {
        var graph = TinyData.Graph();
        var model = RecommenderModels.Create(kind, TinyData.Assignment(assignment), graph, 8, 2, 3);
        var seen = Baco.Data.InteractionList.FromPairs([0, 1], [1, 2]);
        string dir = Path.Combine(Path.GetTempPath(), "baco-store-" + Guid.NewGuid().ToString("N"));
        try
        {
            ModelStore.Save(dir, model, seen);
            var (loaded, loadedSeen, config) = ModelStore.Load(dir);
            Assert.Equal(kind, config.Model);
            Assert.Equal(seen.Items, loadedSeen.Items);
            var a = new Recommender(model, seen);
            var b = new Recommender(loaded, loadedSeen);
            for (int u = 0; u < 4; u++)
            {
                Assert.Equal(a.Recommend(u, 5), b.Recommend(u, 5));
            }

            Assert.DoesNotContain(a.Recommend(0, 5), r => r.Item == 1);
            Assert.Equal(4, a.Recommend(0, 5).Count); // 5 items, one seen
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void NpyRoundTripsAndWritesNumpyHeader()
    {
        string path = Path.GetTempFileName();
        try
        {
            float[] data = [1, 2, 3, 4, 5, 6];
            NpyCodec.Write<float>(path, data, 2, 3);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(0x93, bytes[0]);
            int headerLen = bytes[8] | (bytes[9] << 8);
            Assert.Equal(0, (10 + headerLen) % 64);
            string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLen);
            Assert.Contains("'descr': '<f4'", header);
            Assert.Contains("'shape': (2, 3)", header);
            var (back, shape) = NpyCodec.Read<float>(path);
            Assert.Equal(data, back);
            Assert.Equal([2, 3], shape);
            Assert.Throws<InvalidDataException>(() => NpyCodec.Read<int>(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

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
