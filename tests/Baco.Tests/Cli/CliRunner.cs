using Baco.Cli;

namespace Baco.Tests.Cli;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BacoCli.Run(args, new CliIO(output, error));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A small edge list with string ids: two obvious communities and one cross edge.</summary>
    public static string SmallEdges()
    {
        var lines = new List<string> { "user\titem\trating" };
        for (int u = 0; u < 40; u++)
        {
            int block = u % 2;
            for (int k = 0; k < 6; k++)
            {
                lines.Add($"u{u}\tbook-{block}-{(u + k) % 15}\t{1 + ((u + k) % 5)}");
            }
        }

        lines.Add("u0\tbook-1-0\t5");
        return string.Join('\n', lines) + "\n";
    }
}
