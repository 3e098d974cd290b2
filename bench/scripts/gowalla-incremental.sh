#!/usr/bin/env bash
# Issue 14, item 3: keeping a BACO model up to date as interactions arrive, on Gowalla.
#
#   split  the first PERCENT % (90) of each user's training interactions, in file order, and the rest
#          (`Baco.Bench split-prefix`: integer arithmetic, no randomness);
#   m90    BACO at BUDGET (0.17) trained on the first part from scratch, EPOCHS (150) epochs, with
#          --checkpoint (rerunning the script resumes it);
#   (a)    incremental: `baco assign` gives the rest's new users and items rows of m90's assignment
#          (when the rest has no id m90 lacks, m90's assignment as it is), and m90's codebook is
#          evaluated on all of train with `baco train --epochs 0 --warm-start m90` (every row is
#          m90's own, so nothing is trained: the new interactions only enter LightGCN's graph);
#   (b)    re-clustered warm: all of train compressed with `--previous m90` (rows numbered to
#          overlap m90's), then WARM_EPOCHS (10) epochs from m90's trained rows (`--warm-start`);
#   (c)    re-clustered cold: the same assignment, WARM_EPOCHS epochs from a fresh initialisation;
#   ref    BACO on all of train from scratch, EPOCHS epochs (the model to compare against).
#
# Every run uses the same budget, seed and evaluation (test.tsv, ranking all items; validation on
# val.tsv when the data set has one, else the seeded 10 % hold-out of `baco train`). Finished steps
# are skipped when the script runs again; each step's stderr is in RUNS_DIR/STEP.err. The table
# goes to stdout and RUNS_DIR/report.md.
#
# Usage (from the repository root; builds first):
#   bench/scripts/gowalla-incremental.sh [RUNS_DIR]
# Settings by environment: DATASET (gowalla; a folder under BACO_DATA, default ../shared/datasets),
# EPOCHS (150), WARM_EPOCHS (10), BUDGET (0.17), SEED (0), PERCENT (90); REPORT_ONLY=1 prints the
# table of the steps finished so far (a run missing from it shows as "not run") and starts nothing.
# A quick end-to-end check: DATASET=beauty EPOCHS=2 WARM_EPOCHS=2 bench/scripts/gowalla-incremental.sh /tmp/inc-check
set -uo pipefail
runs=${1:-/tmp/incremental}
dataset=${DATASET:-gowalla}
data=${BACO_DATA:-../shared/datasets}/$dataset
epochs=${EPOCHS:-150}
warm=${WARM_EPOCHS:-10}
budget=${BUDGET:-0.17}
seed=${SEED:-0}
percent=${PERCENT:-90}
[ -f "$data/train.tsv" ] && [ -f "$data/test.tsv" ] || { echo "no train.tsv and test.tsv in $data" >&2; exit 2; }
dotnet build -c Release src/Baco.Cli >/dev/null && dotnet build -c Release bench/Baco.Bench >/dev/null || exit 1
baco="dotnet src/Baco.Cli/bin/Release/net10.0/Baco.Cli.dll"
bench="dotnet bench/Baco.Bench/bin/Release/net10.0/Baco.Bench.dll"
mkdir -p "$runs"

# Evaluation files, and the hold-out a stored assignment must share with `baco train`.
evaluation=(--test "$data/test.tsv")
holdout=(--val-fraction 0.1 --seed "$seed")
if [ -f "$data/val.tsv" ]; then
  evaluation=(--val "$data/val.tsv" --test "$data/test.tsv")
  holdout=(--seed "$seed")
fi

# step NAME DONE COMMAND...: runs COMMAND unless DONE exists; wall seconds to RUNS_DIR/NAME.seconds.
# Returns COMMAND's exit code; `|| fail NAME` shows the end of its stderr and stops.
step() {
  local name=$1 done=$2
  shift 2
  if [ -e "$done" ]; then
    echo "$name: done before"
    return 0
  fi
  echo "$name: start $(date -u +%FT%TZ)"
  local t0 t1 rc
  t0=$(date +%s.%N)
  "$@" > "$runs/$name.out" 2> "$runs/$name.err"
  rc=$?
  t1=$(date +%s.%N)
  echo "$name: exit $rc $(date -u +%FT%TZ)"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' > "$runs/$name.seconds"
  return "$rc"
}

fail() {
  tail -n 3 "$runs/$1.err" >&2
  exit 1
}

if [ "${REPORT_ONLY:-0}" != 1 ]; then
  step split "$runs/rest.tsv" $bench split-prefix --in "$data/train.tsv" --percent "$percent" --first "$runs/first.tsv" --rest "$runs/rest.tsv" || fail split
  step m90 "$runs/m90/metrics.json" $baco train --train "$runs/first.tsv" "${evaluation[@]}" --method baco --budget "$budget" \
    --epochs "$epochs" --seed "$seed" --checkpoint "$runs/ck.m90" --out "$runs/m90" || fail m90

  # (a) The rest's new ids, if any, get rows by m90's rule; known ids keep their rows.
  codes="$runs/a-assigned"
  if [ ! -e "$runs/a-assigned/assignment.json" ] && [ ! -e "$runs/a-assign.none" ]; then
    step a-assign "$runs/a-assigned/assignment.json" $baco assign --assignment "$runs/m90" --interactions "$runs/rest.tsv" --out "$runs/a-assigned"
    rc=$?
    if [ "$rc" -eq 2 ] && grep -q "nothing to assign" "$runs/a-assign.err"; then
      echo "a-assign: the rest has no user or item that m90 lacks (its id space came from train, test and val); m90's assignment is used as it is"
      touch "$runs/a-assign.none"
    elif [ "$rc" -ne 0 ]; then
      fail a-assign
    fi
  fi
  [ -e "$runs/a-assign.none" ] && codes="$runs/m90"
  step a-incremental "$runs/a-incremental/metrics.json" $baco train --train "$data/train.tsv" "${evaluation[@]}" --assignment "$codes" \
    --warm-start "$runs/m90" --epochs 0 --seed "$seed" --out "$runs/a-incremental" || fail a-incremental

  # (b) and (c): one re-clustering of all of train, numbered against m90.
  step b-compress "$runs/b-assignment/assignment.json" $baco compress --train "$data/train.tsv" "${evaluation[@]}" "${holdout[@]}" \
    --budget "$budget" --previous "$runs/m90" --out "$runs/b-assignment" || fail b-compress
  step b-warm "$runs/b-warm/metrics.json" $baco train --train "$data/train.tsv" "${evaluation[@]}" --assignment "$runs/b-assignment" \
    --warm-start "$runs/m90" --epochs "$warm" --seed "$seed" --out "$runs/b-warm" || fail b-warm
  step c-scratch "$runs/c-scratch/metrics.json" $baco train --train "$data/train.tsv" "${evaluation[@]}" --assignment "$runs/b-assignment" \
    --epochs "$warm" --seed "$seed" --out "$runs/c-scratch" || fail c-scratch
  step ref "$runs/ref/metrics.json" $baco train --train "$data/train.tsv" "${evaluation[@]}" --method baco --budget "$budget" \
    --epochs "$epochs" --seed "$seed" --checkpoint "$runs/ck.ref" --out "$runs/ref" || fail ref
fi

python3 - "$runs" "$dataset" "$epochs" "$warm" "$budget" "$seed" "$percent" <<'EOF' | tee "$runs/report.md"
import json, os, sys
runs, dataset, epochs, warm, budget, seed, percent = sys.argv[1:]
def load(path):
    p = os.path.join(runs, path)
    return json.load(open(p)) if os.path.exists(p) else None
def secs(*names):
    total = 0.0
    for n in names:
        p = os.path.join(runs, n + ".seconds")
        total += float(open(p).read()) if os.path.exists(p) else 0.0
    return total
ref = load("ref/metrics.json")
prev = (load("b-assignment/summary.json") or {}).get("previous")
print(f"# Incremental BACO on {dataset}: first {percent} % of each user's training interactions, then all of them")
print()
print(f"Budget {budget}, seed {seed}, long runs {epochs} epochs, warm / cold re-training {warm} epochs. Test figures in %.")
if prev:
  print(f"Re-clustering numbered against m90: {prev['users']['rows_matched']:,} of {prev['users']['rows']:,} user rows matched "
      f"({prev['users']['members_shared']:,} of {prev['users']['entities_in_both']:,} users keep their row), "
      f"{prev['items']['rows_matched']:,} of {prev['items']['rows']:,} item rows ({prev['items']['members_shared']:,} of {prev['items']['entities_in_both']:,} items).")
print()
print("| run | trained on | rows copied from m90 | params | epochs run (best) | R@10 | R@20 | N@20 | R@20 / ref | training s | wall s (steps) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
rows = [
    ("m90", "m90/metrics.json", "first part", ["m90"]),
    ("(a) incremental: assign + m90's codebook", "a-incremental/metrics.json", "first part (evaluated on all)", ["a-assign", "a-incremental"]),
    ("(b) re-cluster `--previous`, `--warm-start`", "b-warm/metrics.json", "all", ["b-compress", "b-warm"]),
    ("(c) re-cluster, from scratch", "c-scratch/metrics.json", "all", ["b-compress", "c-scratch"]),
    ("ref: all data from scratch", "ref/metrics.json", "all", ["ref"]),
]
for name, path, data, steps in rows:
    m = load(path)
    if m is None:
        print(f"| {name} | {data} | - | - | - | - | - | - | - | - | not run |")
        continue
    t = m["test"]
    w = m.get("warm_start")
    copied = f"{w['user_rows_copied']:,} / {w['user_rows']:,} + {w['item_rows_copied']:,} / {w['item_rows']:,}" if w else "-"
    share = f"{100 * t['recall@20'] / ref['test']['recall@20']:.1f} %" if ref else "-"
    print(f"| {name} | {data} | {copied} | {m['params']:,} | {m['epochs_run']} ({m['best_epoch']}) | {100 * t['recall@10']:.3f} | "
          f"{100 * t['recall@20']:.3f} | {100 * t['ndcg@20']:.3f} | {share} | {m['training_seconds']:.1f} | {secs(*steps):.1f} ({' + '.join(steps)}) |")
EOF
