using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.IO;
using Baco.Models;
using Baco.Tests.Cli;

namespace Baco.Tests.Faults;

/// <summary>
/// A model or assignment directory whose files changed after baco wrote them, in ways every
/// structural check passes (the same shapes, valid JSON): before, each was served silently.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ModelIntegrityTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private readonly string _train;

    public ModelIntegrityTests() => _train = _tmp.File("train.tsv", CliRunner.SmallEdges());

    public void Dispose() => _tmp.Dispose();

    private string Trained(string name, int seed)
    {
        string dir = _tmp[name];
        var (code, _, err) = CliRunner.Run("train", "--train", _train, "--dim", "8", "--epochs", "2", "--eval-every", "2", "--seed", $"{seed}", "--out", dir);
        Assert.True(code == 0, err);
        return dir;
    }

    private static string Copy(string dir, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.EnumerateFiles(dir))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }

        return to;
    }

    private static void Refused(string dir, string file)
    {
        var e = Assert.Throws<DataFormatException>(() => ModelStore.Load(dir));
        Assert.Equal(Path.Combine(dir, file), e.File);
        Assert.StartsWith("was changed after baco wrote it", e.Reason, StringComparison.Ordinal);
        var (code, _, err) = CliRunner.Run("recommend", "--model", dir, "--user", "u1", "-k", "3");
        Assert.Equal(2, code);
        Assert.Contains($"{file}: was changed after baco wrote it", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOfAnotherRunOrAnEditIsRefusedByName()
    {
        string a = Trained("a", 0), b = Trained("b", 1);

        // Another seed's codebook: the same shape, other numbers.
        string swapped = Copy(a, _tmp["swapped"]);
        File.Copy(Path.Combine(b, "user_codebook.npy"), Path.Combine(swapped, "user_codebook.npy"), overwrite: true);
        Refused(swapped, "user_codebook.npy");

        // The ids reordered: every user would get another user's list.
        string sorted = Copy(a, _tmp["sorted"]);
        string ids = Path.Combine(sorted, "user_ids.txt");
        File.WriteAllLines(ids, File.ReadAllLines(ids).OrderDescending(StringComparer.Ordinal));
        Refused(sorted, "user_ids.txt");

        // A setting edited in config.json: valid, and used before.
        string edited = Copy(a, _tmp["edited"]);
        string config = Path.Combine(edited, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(config))!;
        json["layers"] = 1;
        File.WriteAllText(config, json.ToJsonString());
        Refused(edited, "config.json");

        // An assignment directory too.
        string assignment = Copy(a, _tmp["assignment"]);
        File.Copy(Path.Combine(b, "summary.json"), Path.Combine(assignment, "summary.json"), overwrite: true);
        Assert.StartsWith("was changed after baco wrote it", Assert.Throws<DataFormatException>(() => AssignmentStore.Load(assignment)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionalFileDeletedIsRefusedToo()
    {
        // An MF model keeps its training interactions since 2026-12-03; without them it loads as an
        // older model would, which the marker shows it is not.
        string mf = _tmp["mf"];
        var (code, _, err) = CliRunner.Run("train", "--train", _train, "--model", "mf", "--dim", "8", "--epochs", "2", "--eval-every", "2", "--out", mf);
        Assert.True(code == 0, err);
        File.Delete(Path.Combine(mf, "graph_users.npy"));
        File.Delete(Path.Combine(mf, "graph_items.npy"));
        var e = Assert.Throws<DataFormatException>(() => ModelStore.Load(mf));
        Assert.StartsWith("was deleted after baco wrote it", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LineEndingsConvertedByACheckoutAreNotAChange()
    {
        // git with autocrlf rewrites the JSON files with CR LF: the same content.
        string a = Trained("a", 0);
        foreach (string name in new[] { "config.json", "assignment.json", "summary.json" })
        {
            string path = Path.Combine(a, name);
            File.WriteAllText(path, File.ReadAllText(path).ReplaceLineEndings("\r\n"));
        }

        ModelStore.Load(a);
        Assert.Equal(0, CliRunner.Run("recommend", "--model", a, "--user", "u1", "-k", "3").Code);
    }

    [Fact]
    public void ADirectoryWithoutDigestsStillLoads()
    {
        // Written before 2026-12-03: its marker lists files only.
        string a = Trained("a", 0);
        string marker = Path.Combine(a, ".baco-output");
        var json = JsonNode.Parse(File.ReadAllText(marker))!.AsObject();
        Assert.NotNull(json["sha256"]);
        json.Remove("sha256");
        File.WriteAllText(marker, json.ToJsonString());
        File.WriteAllText(Path.Combine(a, "config.json"), JsonNode.Parse(File.ReadAllText(Path.Combine(a, "config.json")))!.ToJsonString() + "\n");
        ModelStore.Load(a);
    }
}
