#!/usr/bin/env bash
# Issue 13, part 2, Beauty at 9,000 rows, N(0, 0.1^2), full protocol (docs/BENCHMARKS.md, experiment
# log items 5-7), in order of what decides most:
#   1. seed 0 at lr 1e-3: baco's defaults, scc, and the BACO candidates (users cpm + rehoming;
#      + secondary item rows; + item rehoming);
#   2. seeds 1 and 2 of scc, baco's defaults and the leading candidate (users and items rehomed);
#   3. the learning-rate grid on seed 0 (2e-3, 5e-4) for baco, scc and the candidates;
#   4. seeds 1 and 2 of the other candidates and the defaults;
#   5. leiden and graphhash, seeds 0-2.
# Every run is checkpointed: rerunning resumes the queue where it stopped. Choices are made on the
# validation columns of each RUNS_DIR*/report.md; the test columns are for the final table.
# Usage (from the repository root): bench/scripts/beauty-candidates.sh [RUNS_DIR] (default
# /tmp/p2beauty; the grid goes to RUNS_DIR-lr2e-3 and RUNS_DIR-lr5e-4). BIN as in methods-at-budget.sh.
set -uo pipefail
runs=${1:-/tmp/p2beauty}
export DATASET=beauty BUDGET_ROWS=9000 EPOCHS=300
rehome='cpm-rehome=--user-weights cpm --rehome-above 0.05'
items='cpm-rehome-items=--user-weights cpm --rehome-above 0.05 --secondary-items'
both='cpm-rehome-both=--user-weights cpm --rehome-above 0.05 --rehome-items-above 0.05'
s=bench/scripts/methods-at-budget.sh
SEEDS=0 METHODS="baco scc" VARIANTS="$rehome;$items;$both" $s "$runs"
SEEDS="1 2" METHODS="scc baco" VARIANTS="$both" $s "$runs"
for lr in 2e-3 5e-4; do
  SEEDS=0 METHODS="baco scc" LR=$lr VARIANTS="$rehome;$both" $s "$runs-lr$lr"
done
SEEDS="1 2" METHODS="baco" VARIANTS="$rehome;$items" $s "$runs"
SEEDS="0 1 2" METHODS="leiden graphhash" $s "$runs"
