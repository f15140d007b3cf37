#!/usr/bin/env bash
# Byte-for-byte check of a refactoring (issue #10): runs the same fixed-seed commands with two sgplab
# builds and compares what they print and the HTML reports they write. Prints "identical", or the
# diff (exit 1). It builds nothing: give each side as
#   - a jar (path ending in .jar, run with java -jar),
#   - an executable launcher (e.g. ./sgplab of a checkout whose jar is already built), or
#   - a directory of outputs recorded earlier with --record.
#
#   tools/same-output.sh BEFORE AFTER          compare two sides
#   tools/same-output.sh --record DIR SGPLAB   keep one side's outputs in DIR (new or empty) for later
#
# E.g. before merging: cp sgplab-cli/target/sgplab.jar /tmp/before.jar; after merging and building:
# tools/same-output.sh /tmp/before.jar ./sgplab. Stdout and the exit code of every command are
# compared; stderr (progress) is not. In index.html the build's version and the time of writing are
# masked; charts (PNG) are compared by name and size, not bytes (PNG metadata may hold a time).
# Takes about a minute per side on two cores.
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="$project/scenarios/report-200-pods.yaml"

usage() {
  echo "usage: tools/same-output.sh BEFORE AFTER | --record DIR SGPLAB (each side a jar, a launcher or a recorded directory)" >&2
  exit 2
}

# Checks a side before any long work: a recorded directory, a jar, or an executable launcher.
check_side() {
  local side="$1"
  if [ -d "$side" ]; then
    [ -f "$side/.same-output" ] || { echo "same-output: $side is a directory but not one written by --record" >&2; exit 2; }
  elif [ -f "$side" ] && [[ "$side" == *.jar ]]; then
    command -v java >/dev/null 2>&1 || { echo "same-output: java is needed to run $side" >&2; exit 2; }
  elif [ -f "$side" ] && [ -x "$side" ]; then
    :
  else
    echo "same-output: $side is neither a jar, an executable sgplab launcher nor a recorded directory" >&2
    exit 2
  fi
}

# Runs one sgplab command of a side; its stdout goes to OUT/NAME.out, its exit code to OUT/NAME.rc.
run() {
  local side="$1" out="$2" name="$3"
  shift 3
  echo "same-output: $(basename "$side"): $name" >&2
  local rc=0
  if [[ "$side" == *.jar ]]; then
    (cd "$project" && java -jar "$side" "$@") >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  else
    (cd "$project" && "$side" "$@") >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  fi
  echo "$rc" >"$out/$name.rc"
  rm -f "$out/$name.err"
}

# A report's page with the build's version and the time of writing masked, and its charts listed.
keep_report() {
  local dir="$1" out="$2" name="$3"
  if [ -f "$dir/index.html" ]; then
    sed -E -e 's/sgplab [^ ,<]+,/sgplab VERSION,/g' \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?( UTC)?/TIME/g' \
        "$dir/index.html" >"$out/$name.html"
  fi
  (cd "$dir" && find . -type f ! -name index.html -printf '%P %s\n' | sort) >"$out/$name.files"
}

# Every command of the check, for one side, into OUT.
record() {
  local side="$1" out="$2"
  local tmp
  tmp="$(mktemp -d)"
  run "$side" "$out" reproduce-table reproduce --seed 1
  run "$side" "$out" reproduce-json reproduce --seed 1 -o json
  run "$side" "$out" simulate-trace-table simulate --scenario "$scenario" --set controller.branch-eni-cooldown=30 --trace
  run "$side" "$out" simulate-trace-json simulate --scenario "$scenario" --set controller.branch-eni-cooldown=30 --trace -o json
  run "$side" "$out" simulate-trace-yaml simulate --scenario "$scenario" --set controller.branch-eni-cooldown=30 --trace -o yaml
  run "$side" "$out" simulate-probe-table simulate probe --gap 45
  run "$side" "$out" simulate-probe-json simulate probe --gap 45 -o json
  run "$side" "$out" simulate-probe-nogc-yaml simulate probe --gap 20 --regime no-gc -o yaml
  run "$side" "$out" sweep-table sweep --scenario "$scenario" --vary controller.branch-eni-cooldown=30..70:20 --replications 20 --seed 3 --threads 2
  run "$side" "$out" sweep-json sweep --scenario "$scenario" --vary controller.branch-eni-cooldown=30..70:20 --replications 20 --seed 3 --threads 2 -o json
  # Reports from this side's own results, and from the other results it wrote.
  run "$side" "$out" report-simulate report --from "$out/simulate-trace-json.out" --out "$tmp/simulate"
  keep_report "$tmp/simulate" "$out" report-simulate
  run "$side" "$out" report-sweep report --from "$out/sweep-json.out" --out "$tmp/sweep"
  keep_report "$tmp/sweep" "$out" report-sweep
  sed -i "s|$tmp|REPORT_DIR|g" "$out/report-simulate.out" "$out/report-sweep.out" # this run's own temporary directory
  rm -rf "$tmp"
  touch "$out/.same-output"
}

# A side's outputs: its recorded directory, or a new one filled by running it.
outputs_of() {
  local side="$1" dir="$2"
  if [ -d "$side" ]; then
    echo "$side"
  else
    mkdir -p "$dir"
    record "$(cd "$(dirname "$side")" && pwd)/$(basename "$side")" "$dir"
    echo "$dir"
  fi
}

if [ "${1:-}" = "--record" ]; then
  [ $# -eq 3 ] || usage
  dir="$2"
  check_side "$3"
  [ -d "$3" ] && { echo "same-output: --record needs a jar or a launcher, not a directory" >&2; exit 2; }
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "same-output: $dir exists and is not empty" >&2
    exit 2
  fi
  mkdir -p "$dir"
  record "$(cd "$(dirname "$3")" && pwd)/$(basename "$3")" "$(cd "$dir" && pwd)"
  echo "recorded in $dir"
  exit 0
fi

[ $# -eq 2 ] || usage
check_side "$1"
check_side "$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
before="$(outputs_of "$1" "$work/before")"
after="$(outputs_of "$2" "$work/after")"
if diff -r -u -x .same-output "$before" "$after"; then
  echo "identical"
else
  exit 1
fi
