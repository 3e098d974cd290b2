using System.CommandLine;
using System.Globalization;
using Baco.IO;
using Baco.Models;
using Spectre.Console;

namespace Baco.Cli.Commands;

/// <summary>`baco recommend`: top items for a user of a trained model, in the user's own ids.</summary>
internal static class RecommendCommand
{
    public static Command Create(CliIO io)
    {
        var model = CliOptions.RequiredPath("--model", "Directory written by 'baco train'.");
        var user = new Option<string>("--user") { Description = "The user's id as written in the training file.", Required = true };
        var k = CliOptions.Number("--top", "Number of items.", 20, n => n >= 1, "must be at least 1");
        k.Aliases.Add("-k");
        var command = new Command("recommend", "Print a user's top items (training and validation items excluded).") { model, user, k };
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            string dir = Path.GetFullPath(parsed.GetValue(model)!);
            int top = parsed.GetValue(k);

            if (!Directory.Exists(dir))
            {
                throw new CliError($"'--model': {dir} does not exist.");
            }

            if (!File.Exists(Path.Combine(dir, ModelStore.ConfigFile)))
            {
                throw new CliError($"'--model': {dir} is not a model directory written by 'baco train' (no {ModelStore.ConfigFile}).");
            }

            var (trained, seen, _, stored) = ModelStore.Load(dir);
            string name = parsed.GetValue(user)!;
            if (!stored.Users.TryGetId(name, out int u))
            {
                throw new CliError($"'--user': '{name}' is not a user of this model ({stored.Users.Count:N0} users).");
            }

            var recommendations = new Recommender(trained, seen).Recommend(u, top);
            var table = new Table().Border(TableBorder.Simple).Title($"top {recommendations.Count} for user {Markup.Escape(name)}");
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
}
