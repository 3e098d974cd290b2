using Baco.Bench;

// Benchmarks of the library's speed, memory and accuracy; each prints medians, docs/BENCHMARKS.md records them.
return BenchCommands.Run(args);
