using System.Text.Json;
using System.Text.Json.Serialization;
using Baco.Clustering.Balanced;
using Baco.Codebooks;
using Baco.Data;
using Baco.Models;

namespace Baco.Tests;

public class NamesTests
{
    [Fact]
    public void ModelsHaveOneSpellingAndOlderSpellingsStillParse()
    {
        Assert.Equal(["lightgcn", "mf"], Names.All<ModelKind>());
        Assert.Equal("mf", Names.Of(ModelKind.MatrixFactorization));
        foreach (string text in new[] { "mf", "MF", " mf ", "MatrixFactorization" })
        {
            Assert.True(Names.TryParse(text, out ModelKind kind), text);
            Assert.Equal(ModelKind.MatrixFactorization, kind);
        }

        Assert.True(Names.TryParse("LightGcn", out ModelKind lightGcn));
        Assert.Equal(ModelKind.LightGcn, lightGcn);
        Assert.False(Names.TryParse("gcn", out ModelKind _));
        Assert.False(Names.TryParse(null, out ModelKind _));
        Assert.Equal("LightGCN", ModelNames.Display(ModelKind.LightGcn));
        Assert.Equal("MF", ModelNames.Display(ModelKind.MatrixFactorization));
    }

    [Fact]
    public void NamesAreWhatJsonWrites()
    {
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        void Check<T>()
            where T : struct, Enum
        {
            foreach (T value in Enum.GetValues<T>())
            {
                Assert.Equal($"\"{Names.Of(value)}\"", JsonSerializer.Serialize(value, json));
                Assert.Equal(value, JsonSerializer.Deserialize<T>($"\"{Names.Of(value)}\"", json));
            }
        }

        Check<ModelKind>();
        Check<EmbeddingInit>();
        Check<CodeCombiner>();
        Check<WeightScheme>();
        Check<MoveRule>();
        Check<IsolatedPolicy>();
        Check<InteractionFormat>();
        Assert.Equal(["normal", "xavier"], Names.All<EmbeddingInit>());
        Assert.Equal(["cpm", "degree", "sqrt", "log", "authors-cpm"], Names.All<WeightScheme>());
        Assert.Equal(["auto", "edges", "adjacency"], Names.All<InteractionFormat>());
    }

    [Fact]
    public void AnUnknownNameIsRefusedNamingTheSettingAndTheChoices()
    {
        var e = Assert.Throws<InvalidSettingException>(() => Names.Parse<MoveRule>("sometimes", "MoveRule", "a move rule"));
        Assert.Equal("MoveRule", e.Setting);
        Assert.Equal("'sometimes' is not a move rule; use always or if-better", e.Reason);
        Assert.Equal("a, b or c", Names.Alternatives(["a", "b", "c"]));
        Assert.Equal("a", Names.Alternatives(["a"]));
    }
}
