#!/usr/bin/env bash
# Issue 13, part 2, Beauty at 9,000 rows, N(0, 0.1^2), full protocol: BACO's defaults, the two
# candidates (users cpm + rehoming, with and without secondary item rows) and scc on seed 0 at
# lr 1e-3; then the learning-rate grid (2e-3, 5e-4) on seed 0 for baco, the rehomed candidate and
# scc; then seeds 1 and 2 at lr 1e-3; then leiden and graphhash on seeds 0-2. Every run is
# checkpointed: rerunning resumes the queue where it stopped. Choices are made on the validation
# columns of each RUNS_DIR*/report.md; the test columns are for the final table.
# Usage (from the repository root): bench/scripts/beauty-candidates.sh [RUNS_DIR] (default /tmp/p2beauty;
# the grid goes to RUNS_DIR-lr2e-3 and RUNS_DIR-lr5e-4). BIN as in methods-at-budget.sh.
set -uo pipefail
runs=${1:-/tmp/p2beauty}
export DATASET=beauty BUDGET_ROWS=9000 EPOCHS=300
rehome='cpm-rehome=--user-weights cpm --rehome-above 0.05'
both="$rehome;cpm-rehome-items=--user-weights cpm --rehome-above 0.05 --secondary-items"
s=bench/scripts/methods-at-budget.sh
SEEDS=0 METHODS="baco scc" VARIANTS="$both" $s "$runs"
SEEDS=0 METHODS="baco scc" LR=2e-3 VARIANTS="$rehome" $s "$runs-lr2e-3"
SEEDS=0 METHODS="baco scc" LR=5e-4 VARIANTS="$rehome" $s "$runs-lr5e-4"
SEEDS="1 2" METHODS="baco scc" VARIANTS="$both" $s "$runs"
SEEDS="0 1 2" METHODS="leiden graphhash" $s "$runs"
