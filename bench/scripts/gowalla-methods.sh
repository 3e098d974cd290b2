#!/usr/bin/env bash
# Issue 13, part 2: BACO against the graph baselines on Gowalla at a 0.17 budget, the protocol of
# docs/BENCHMARKS.md "Gowalla, full LightGCN and BACO at a 0.17 budget": train.tsv / test.tsv, the
# seeded 10 % hold-out of `baco train` for validation every 10 epochs, early stopping on it, best
# model kept, EPOCHS (150) epochs at most. Each run is its own `baco train` with --checkpoint, so
# it survives an interruption: rerunning the script skips finished runs and resumes the others.
# An hour or more each on 2 cores.
#
# Usage (from the repository root; builds first):
#   bench/scripts/gowalla-methods.sh [RUNS_DIR]
# Settings by environment: METHODS (baco leiden graphhash scc), SEEDS (0), EPOCHS (150),
# BUDGET (0.17), DATASET (gowalla, a folder under BACO_DATA, default ../shared/datasets), and
# VARIANTS: extra BACO runs as NAME=OPTIONS pairs separated by ';', for example
#   VARIANTS='cpm-rehome=--user-weights cpm --rehome-above 0.05;items=--secondary-items'
# The table (validation and test, %) goes to stdout and RUNS_DIR/report.md.
set -uo pipefail
runs=${1:-/tmp/gowalla-methods}
dataset=${DATASET:-gowalla}
data=${BACO_DATA:-../shared/datasets}/$dataset
epochs=${EPOCHS:-150}
budget=${BUDGET:-0.17}
[ -f "$data/train.tsv" ] && [ -f "$data/test.tsv" ] || { echo "no train.tsv and test.tsv in $data" >&2; exit 2; }
dotnet build -c Release src/Baco.Cli >/dev/null || exit 1
baco="dotnet src/Baco.Cli/bin/Release/net10.0/Baco.Cli.dll"
mkdir -p "$runs"

evaluation=(--test "$data/test.tsv")
[ -f "$data/val.tsv" ] && evaluation=(--val "$data/val.tsv" --test "$data/test.tsv")

# one NAME SEED OPTIONS...: one training run, skipped when its metrics.json exists.
one() {
  local name=$1 seed=$2
  shift 2
  local out=$runs/$name-s$seed
  [ -f "$out/metrics.json" ] && { echo "$name seed $seed: done before"; return 0; }
  echo "$name seed $seed: start $(date -u +%FT%TZ)"
  $baco train --train "$data/train.tsv" "${evaluation[@]}" --budget "$budget" --epochs "$epochs" --seed "$seed" \
    --checkpoint "$runs/ck.$name-s$seed" --out "$out" "$@" > /dev/null 2> "$runs/$name-s$seed.err"
  echo "$name seed $seed: exit $? $(date -u +%FT%TZ)"
}

for seed in ${SEEDS:-0}; do
  for method in ${METHODS:-baco leiden graphhash scc}; do
    one "$method" "$seed" --method "$method"
  done
  IFS=';' read -ra variants <<< "${VARIANTS:-}"
  for v in "${variants[@]}"; do
    [ -n "$v" ] || continue
    # shellcheck disable=SC2086 # the options are meant to split into words
    one "baco-${v%%=*}" "$seed" --method baco ${v#*=}
  done
done

python3 - "$runs" <<'PY' | tee "$runs/report.md"
import json, os, sys
runs = sys.argv[1]
print("| run | params | ratio | clustering s | best epoch / run | val R@20 | val N@20 | test R@10 | test R@20 | test N@20 | training s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name in sorted(os.listdir(runs)):
    path = os.path.join(runs, name, "metrics.json")
    if not os.path.isfile(path):
        continue
    m = json.load(open(path))
    t, v = m["test"], m.get("validation") or {}
    val = lambda k: f"{100 * v[k]:.3f}" if k in v else "-"
    print(f"| {name} | {m['params']:,} | {m['ratio']:.4f} | {m['clustering_seconds']:.2f} | {m['best_epoch']} / {m['epochs_run']} | "
          f"{val('recall@20')} | {val('ndcg@20')} | {100 * t['recall@10']:.3f} | {100 * t['recall@20']:.3f} | {100 * t['ndcg@20']:.3f} | {m['training_seconds']:.0f} |")
PY
