using System.CommandLine;
using System.Globalization;
using Baco.Assignment;
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
        var itemList = new Option<string>("--items") { Description = "Comma-separated item ids of a user the model does not know: the user is folded in (rows by the assignment's rule, embedded by the model) and these items are excluded." };
        var k = CliOptions.Number("--top", "Number of items.", 20, n => n >= 1, "must be at least 1");
        k.Aliases.Add("-k");
        var command = new Command("recommend", "Print a user's top items (training and validation items excluded, and items with no training interaction).") { model, user, itemList, k };
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

            var (trained, seen, _, stored) = ModelStore.Load(dir);
            IReadOnlyList<Recommendation> recommendations;
            string title;
            if (name is not null)
            {
                if (!stored.Users.TryGetId(name, out int u))
                {
                    throw new CliError($"'--user': '{name}' is not a user of this model ({stored.Users.Count:N0} users); give their items with '--items' to fold them in.");
                }

                var recommender = new Recommender(trained, seen);
                if (!recommender.HasInteractions(u))
                {
                    throw new CliError($"'--user': '{name}' has no training interactions in this model (an integer id inside the range that no training line holds, or a user of --test only), so nothing was learnt about them; give their items with '--items' to fold them in.");
                }

                recommendations = recommender.Recommend(u, top);
                title = $"user {Markup.Escape(name)}";
            }
            else
            {
                // A full or lsh model has no row a new user could take: say what to do about it here, not 'compress'.
                if (CompressionMethods.Find(stored.Assignment.Method) is { NewEntities: NewEntityRule.None } info)
                {
                    string folding = string.Join(", ", CompressionMethods.All.Where(m => m.NewEntities != NewEntityRule.None).Select(m => m.Name));
                    throw new CliError($"'--items': this model was trained with method '{info.Name}', which cannot fold in a new user ({info.NoNewEntitiesReason!.Split(';')[0]}); add the user's interactions to the training file and train again, or train with a method that can ({folding}).");
                }

                var items = ItemIds(itemText!, stored);
                var recommender = new Recommender(trained, seen);
                if (items.FirstOrDefault(i => recommender.UntrainedItems.Contains(i), -1) is int untrained and >= 0)
                {
                    throw new CliError($"'--items': '{stored.Items.NameOf(untrained)}' has no training interactions in this model (an integer id inside the range that no training line holds, or an item of --test only), so nothing was learnt about it; give items the model was trained on.");
                }

                var assigner = IncrementalAssigner.FromStored(stored, dir);
                recommendations = recommender.RecommendNewUser(assigner, items, top);
                title = $"a new user with {items.Length:N0} items";
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
