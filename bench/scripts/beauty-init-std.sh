#!/usr/bin/env bash
# How the initialisation changes the ranking of methods: every method on Beauty at 9,000 rows
# under the authors' initialisation, N(0, S^2) (default S = 1.0), seeds 0 and 1, the bench's
# protocol (early stopping, patience 50, cap 300 epochs).
# Each method is its own `baco train`, so its metrics.json lands when it finishes; rerunning skips
# finished methods and resumes the others from their checkpoints.
# Usage: bench/scripts/beauty-init-std.sh [RUNS_DIR] [STD]   (from the repository root; builds first)
# Environment: SEEDS ("0 1"), METHODS (every method below), BIN (a built Baco.Cli.dll to use
# instead of building this checkout), THREADS (passed as --threads; results do not depend on it).
set -uo pipefail
runs=${1:-/tmp/runs}
std=${2:-1.0}
data=${BACO_DATA:-../shared/datasets}/beauty
if [ -n "${BIN:-}" ]; then
  baco="dotnet $BIN"
else
  dotnet build -c Release src/Baco.Cli >/dev/null || exit 1
  baco="dotnet src/Baco.Cli/bin/Release/net10.0/Baco.Cli.dll"
fi
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
for seed in ${SEEDS:-0 1}; do
  for method in ${METHODS:-full baco graphhash leiden scc lp random double frequency}; do
    out=$runs/std$std-s$seed/$method
    [ -f "$out/metrics.json" ] && continue
    mkdir -p "$runs/ck-std$std-s$seed"
    echo "seed $seed $method start $(date -u +%FT%TZ)"
    target=(--budget-rows 9000); [ "$method" = full ] && target=()  # full keeps every row: a budget would be refused
    $baco train --train "$data/train.tsv" --val "$data/val.tsv" --test "$data/test.tsv" --method "$method" "${target[@]}" \
      --epochs 300 --eval-every 10 --patience 50 --seed "$seed" --init-std "$std" "${threads[@]}" \
      --checkpoint "$runs/ck-std$std-s$seed/ck.$method" --out "$out" 2> "$runs/std$std-s$seed-$method.err" > /dev/null
    echo "seed $seed $method exit $? $(date -u +%FT%TZ)"
  done
done
