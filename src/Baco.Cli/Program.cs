using Baco.Cli;

return BacoCli.Run(args, CliIO.FromProcess());
