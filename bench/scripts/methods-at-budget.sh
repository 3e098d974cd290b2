#!/usr/bin/env bash
# Issue 13, part 2: BACO, its variants and the graph baselines at one budget, on the full
# protocol: validation every 10 epochs (val.tsv where the data set has one, else the seeded 10 %
# hold-out of `baco train`), early stopping after 50 epochs without a better validation
# Recall@20, best model kept, EPOCHS epochs at most. Each run is its own `baco train` with
# --checkpoint, so it survives an interruption: rerunning the script skips finished runs and
# resumes the others. Choices (which variant becomes the default) are made on the validation
# columns; the test columns are for the final table.
#
# Usage (from the repository root; builds first):
#   bench/scripts/methods-at-budget.sh [RUNS_DIR]
# Settings by environment: DATASET (gowalla; a folder under BACO_DATA, default
# ../shared/datasets), BUDGET (0.17, the parameter ratio) or BUDGET_ROWS (rows, e.g. 9000 for
# Beauty; wins over BUDGET), METHODS (baco leiden graphhash scc), SEEDS (0), EPOCHS (150),
# LR (the learning rate; unset = the library's default), BIN (a built Baco.Cli.dll to use
# instead of building this checkout, e.g. a copy that later commits cannot change mid-run), and
# VARIANTS: extra BACO runs as NAME=OPTIONS pairs separated by ';', for example
#   VARIANTS='cpm-rehome=--user-weights cpm --rehome-above 0.05;items=--secondary-items'
# THREADS=N passes --threads N (the results do not depend on it; on these 2 cores two runs of
# one thread each get through more epochs together than one run of two threads).
# REPORT_ONLY=1 prints the table of the finished runs and starts nothing.
# Gowalla: an hour or more a run on 2 cores; Beauty at 9,000 rows: 2-6 minutes.
# The table (validation and test, %) goes to stdout and RUNS_DIR/report.md.
set -uo pipefail
runs=${1:-/tmp/gowalla-methods}
dataset=${DATASET:-gowalla}
data=${BACO_DATA:-../shared/datasets}/$dataset
epochs=${EPOCHS:-150}
budget=(--budget "${BUDGET:-0.17}")
[ -n "${BUDGET_ROWS:-}" ] && budget=(--budget-rows "$BUDGET_ROWS")
extra=()
[ -n "${LR:-}" ] && extra=(--lr "$LR")
[ -n "${THREADS:-}" ] && extra+=(--threads "$THREADS")
[ -f "$data/train.tsv" ] && [ -f "$data/test.tsv" ] || { echo "no train.tsv and test.tsv in $data" >&2; exit 2; }
if [ -n "${BIN:-}" ] || [ "${REPORT_ONLY:-0}" = 1 ]; then
  baco="dotnet ${BIN:-}"
else
  dotnet build -c Release src/Baco.Cli >/dev/null || exit 1
  baco="dotnet src/Baco.Cli/bin/Release/net10.0/Baco.Cli.dll"
fi
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
  $baco train --train "$data/train.tsv" "${evaluation[@]}" "${budget[@]}" "${extra[@]}" --epochs "$epochs" --seed "$seed" \
    --checkpoint "$runs/ck.$name-s$seed" --out "$out" "$@" > /dev/null 2> "$runs/$name-s$seed.err"
  echo "$name seed $seed: exit $? $(date -u +%FT%TZ)"
}

[ "${REPORT_ONLY:-0}" = 1 ] && SEEDS='' # no runs, only the table below
for seed in ${SEEDS-0}; do
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
import json, os, re, statistics, sys
runs = sys.argv[1]
rows = {}
print("| run | params | ratio | clustering s | best epoch / run | val R@20 | val N@20 | test R@10 | test R@20 | test N@20 | training s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name in sorted(os.listdir(runs)):
    path = os.path.join(runs, name, "metrics.json")
    if not os.path.isfile(path):
        continue
    m = json.load(open(path))
    t, v = m.get("test") or {}, m.get("validation") or {}
    pct = lambda d, k: f"{100 * d[k]:.3f}" if k in d else "-"
    print(f"| {name} | {m['params']:,} | {m['ratio']:.4f} | {m['clustering_seconds']:.2f} | {m['best_epoch']} / {m['epochs_run']} | "
          f"{pct(v, 'recall@20')} | {pct(v, 'ndcg@20')} | {pct(t, 'recall@10')} | {pct(t, 'recall@20')} | {pct(t, 'ndcg@20')} | {m['training_seconds']:.0f} |")
    rows.setdefault(re.sub(r"-s\d+$", "", name), []).append((v, t))

# Mean over the seeds each run has, with the range (min - max), validation first: choices are made there.
print()
print("| run | seeds | val R@20 mean (min - max) | val N@20 mean | test R@20 mean (min - max) | test N@20 mean (min - max) |")
print("|---|---|---|---|---|---|")
def stat(values):
    if not values:
        return "-"
    return f"{100 * statistics.mean(values):.3f} ({100 * min(values):.3f} - {100 * max(values):.3f})"
for name, results in sorted(rows.items()):
    col = lambda which, k: [r[which][k] for r in results if k in r[which]]
    print(f"| {name} | {len(results)} | {stat(col(0, 'recall@20'))} | {stat(col(0, 'ndcg@20'))} | {stat(col(1, 'recall@20'))} | {stat(col(1, 'ndcg@20'))} |")
PY
