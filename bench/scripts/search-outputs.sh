#!/usr/bin/env bash
# The budget searches' outputs, to show that a change to the search leaves them alone: for
# BACO and the graph baselines that share the knob search (leiden, graphhash, lp) at several
# budgets on Beauty and Gowalla, one line each with the parameters, the knob, the search runs and
# a SHA-1 of the written codes. Run it with the build before and after a change and diff the two.
#
# Usage (from the repository root): bench/scripts/search-outputs.sh PATH/TO/Baco.Cli.dll > FILE
# Data: BACO_DATA (default ../shared/datasets). Scratch outputs go to a temporary folder.
set -uo pipefail
dll=${1:?usage: search-outputs.sh PATH/TO/Baco.Cli.dll}
data=${BACO_DATA:-../shared/datasets}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for spec in "beauty --budget-rows 9000" "beauty --budget 0.10" "beauty --budget 0.25" \
            "gowalla --budget 0.17" "gowalla --budget 0.10" "gowalla --budget 0.25"; do
  read -r dataset option value <<< "$spec"
  for method in baco leiden graphhash lp; do
    # Gowalla at 0.25: BACO only (the case that walks its search furthest).
    [ "$dataset $value" = "gowalla 0.25" ] && [ "$method" != baco ] && continue
    out=$scratch/$dataset-$value-$method
    summary=$(dotnet "$dll" compress --train "$data/$dataset/train.tsv" "$option" "$value" --method "$method" \
      --out "$out" --json 2>/dev/null) || { echo "$dataset $option $value $method: failed"; continue; }
    fields=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["params"], d["knob"], d["stats"].get("search_runs"))' <<< "$summary")
    echo "$dataset $option $value $method $fields $(cat "$out/user_codes.npy" "$out/item_codes.npy" | sha1sum | cut -c1-10)"
  done
done
