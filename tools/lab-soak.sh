#!/usr/bin/env bash
# The kernel lab under faults: RUNS lab runs of a short scenario (4 pods, about 5 s each at time
# scale 0.2), each interrupted by SIGINT, SIGTERM or SIGKILL at a seeded moment of its set-up,
# mid-run or teardown, each checked for leftovers by its prefix (namespaces, root links, processes,
# /etc/netns, state files, host neighbour settings), with `lab cleanup --run PREFIX` when something
# is left. Prints the figures (docs/kernel-lab.md has 100 runs'); exit 1 if anything stays.
# Root. Usage: tools/lab-soak.sh [RUNS [SEED]] [more `lab soak` options, e.g. -o json]
# (`sgplab lab soak --help` for the rest; more `--set key=value` change the scenario.)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-100}"; seed="${2:-1}"
shift $(( $# > 2 ? 2 : $# ))
exec ./sgplab lab soak --scenario scenarios/lab-short.yaml --set workload.pods=4 --runs "$runs" --seed "$seed" "$@"
