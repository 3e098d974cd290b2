using System.CommandLine;
using System.Globalization;
using Baco.Assignment;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.Models;
using Spectre.Console;

namespace Baco.Cli.Commands;

/// <summary>`baco recommend`: top items for a user of a trained model, in the user's own ids.</summary>
internal static class RecommendCommand
{
    public static Command Create(CliIO io)
    {
        var model = CliOptions.RequiredPath("--model", "Directory written by 'baco train'.");
        var user = new Option<string>("--user") { Description = "The user's id as written in the training file." };
        var itemList = new Option<string>("--items") { Description = "Comma-separated item ids of a user the model does not know: the user is folded in (rows by the assignment's rule, embedded by the model) and these items are excluded. An id holding a comma goes in double quotes: --items '\"Smith, 1\",it7'." };
        var k = CliOptions.Number("--top", "Number of items.", 20, n => n >= 1, "must be at least 1");
        k.Aliases.Add("-k");
        var command = new Command("recommend", "Print a user's top items (their training and validation items excluded, and items with no training interaction); a user of the validation data only is folded in from their items.") { model, user, itemList, k };
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            string dir = Path.GetFullPath(parsed.GetValue(model)!);
            int top = parsed.GetValue(k);

            StoredDirectories.RequireModel("--model", dir);

            string? name = parsed.GetValue(user)?.Trim();
            string? itemText = parsed.GetValue(itemList);
            if ((name is null) == (itemText is null))
            {
                throw new CliError("give '--user' (a user of the model) or '--items' (the items of a new user), one of them.");
            }

            var loaded = ModelStore.Load(dir);
            var (trained, seen, _, stored) = loaded;
            var recommender = new Recommender(trained, seen, loaded.Training);
            IReadOnlyList<Recommendation> recommendations;
            string title;
            if (name is not null)
            {
                (recommendations, title) = ForUser(io, recommender, loaded, dir, name, top);
            }
            else
            {
                RefuseFoldingIn(stored, "'--items': this model");
                var items = ItemIds(itemText!, stored);
                if (items.FirstOrDefault(i => recommender.UntrainedItems.Contains(i), -1) is int untrained and >= 0)
                {
                    throw new CliError($"'--items': '{stored.Items.NameOf(untrained)}' has no training interactions in this model (an item of --val or --test only, or an integer id inside the range that no training line holds), so nothing was learnt about it; give items the model was trained on.");
                }

                var assigner = IncrementalAssigner.FromStored(stored, dir);
                recommendations = recommender.RecommendNewUser(assigner, items, top);
                title = $"a new user with {Counted.Of(items.Length, "item")}";
            }

            if (recommendations.Count == 0)
            {
                io.Error.WriteLine("note: nothing to recommend: the user has seen every item the model can recommend.");
            }

            var table = new Table().Border(TableBorder.Simple).Title($"top {recommendations.Count} for {title}");
            table.AddColumn("rank");
            table.AddColumn("item");
            table.AddColumn(new TableColumn("score").RightAligned());
            for (int r = 0; r < recommendations.Count; r++)
            {
                table.AddRow((r + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(stored.Items.NameOf(recommendations[r].Item)), recommendations[r].Score.ToString("F4", CultureInfo.InvariantCulture));
            }

            io.Console.Write(table);
            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }

    /// <summary>
    /// A user of the model: scored from their rows when they have training interactions, folded in
    /// from their items when they have validation interactions only, refused otherwise.
    /// </summary>
    private static (IReadOnlyList<Recommendation> Recommendations, string Title) ForUser(CliIO io, Recommender recommender, StoredModel loaded, string dir, string name, int top)
    {
        var stored = loaded.Assignment;
        if (!stored.Users.TryGetId(name, out int u))
        {
            string given = name.Length == 0 ? "an empty id" : $"'{name}'";
            throw new CliError($"'--user': {given} is not a user of this model ({stored.Users.Count:N0} users); give a user of the training file, or a new user's items with '--items' to fold them in.");
        }

        if (loaded.Training is null)
        {
            io.Error.WriteLine("note: this model was saved before models kept their training interactions (graph_users.npy), so a user of the validation data only cannot be told from a trained one and is scored from their row; train it again to have such users folded in.");
        }

        if (recommender.HasInteractions(u))
        {
            return (recommender.Recommend(u, top), $"user {Markup.Escape(name)}");
        }

        if (recommender.SeenItemsOf(u).Length == 0)
        {
            throw new CliError($"'--user': '{name}' has no training interactions in this model (a user of --test only, an integer id inside the range that no training line holds, or a user carried over from an earlier assignment), so nothing was learnt about them; give their items with '--items' to fold them in.");
        }

        // A user of the validation data only: their row learnt nothing about them, but their items are known.
        RefuseFoldingIn(stored, $"'--user': '{name}' has only validation interactions, which the model was not trained on, and this model");
        int[] items = [.. recommender.SeenItemsOf(u).ToArray().Where(i => !recommender.UntrainedItems.Contains(i))];
        if (items.Length == 0)
        {
            throw new CliError($"'--user': '{name}' has only validation interactions, with items the model was not trained on either, so there is nothing to fold them in from.");
        }

        io.Error.WriteLine($"note: '{name}' has only validation interactions, which the model was not trained on: folded in from their {Counted.Of(items.Length, "item")}, as '--items' would.");
        return (recommender.RecommendNewUser(IncrementalAssigner.FromStored(stored, dir), items, top), $"user {Markup.Escape(name)} (folded in)");
    }

    /// <summary>A full or lsh model has no row a new user could take: say what to do about it here, not 'compress'.</summary>
    private static void RefuseFoldingIn(StoredAssignment stored, string subject)
    {
        if (CompressionMethods.Find(stored.Assignment.Method) is { NewEntities: NewEntityRule.None } info)
        {
            string folding = string.Join(", ", CompressionMethods.All.Where(m => m.NewEntities != NewEntityRule.None).Select(m => m.Name));
            throw new CliError($"{subject} was trained with method '{info.Name}', which cannot fold in a new user ({info.NoNewEntitiesReason!.Split(';')[0]}); add the user's interactions to the training file and train again, or train with a method that can ({folding}).");
        }
    }

    /// <summary>Dense ids of the comma-separated item ids; every one must be an item of the model.</summary>
    private static int[] ItemIds(string text, StoredAssignment stored)
    {
        var ids = new List<int>();
        foreach (string id in SplitIds(text))
        {
            if (id.Length == 0)
            {
                throw new CliError($"'--items': an empty item id in '{text}'; separate ids with single commas.");
            }

            if (!stored.Items.TryGetId(id, out int item))
            {
                throw new CliError($"'--items': '{id}' is not an item of this model ({stored.Items.Count:N0} items); a new user can only be folded in from known items.");
            }

            ids.Add(item);
        }

        return [.. ids.Distinct()];
    }

    // Comma-separated ids, each trimmed; a comma inside double quotes belongs to its id, as in
    // the interaction files ("Smith, J",b), and the quotes around an id are dropped.
    private static List<string> SplitIds(string text)
    {
        var ids = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                ids.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        ids.Add(current.ToString().Trim());
        return ids.ConvertAll(id => id.Length >= 2 && id[0] == '"' && id[^1] == '"' ? id[1..^1] : id);
    }
}
