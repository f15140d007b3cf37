#!/usr/bin/env bash
# Regenerates the sensitivity table of docs/calibration.md: the report scenario's three simulated
# means (cooldown 30/60/70 s) when one unknown moves at a time. Needs jq. Prints Markdown rows.
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${REPS:-200}"
row() { # label, then --set arguments
  local label="$1"; shift
  local sets=()
  for s in "$@"; do sets+=(--set "$s"); done
  ./sgplab reproduce --replications "$reps" ${sets[@]+"${sets[@]}"} -o json 2>/dev/null |
    jq -r --arg name "$label" '"| \($name) | " + ([.rows[] | "\(.errorPods.mean) (\(.errorPods.low)..\(.errorPods.high))"] | join(" | ")) + " |"'
}
echo "| change from the calibrated scenario | 30 s (report: 29) | 60 s (report: 2) | 70 s (report: 0) |"
echo "|---|---|---|---|"
row "none (calibrated)"
row "free addresses 65 -> 55 (used-by-others 68)" subnet.used-by-others=68
row "free addresses 65 -> 75 (used-by-others 48)" subnet.used-by-others=48
row "free addresses 65 -> 96 (/25 -> /24, used-by-others 155)" subnet.cidr=198.18.0.0/24 subnet.used-by-others=155
row "a pod every 2 s -> every 1.5 s" "workload.create-interval=fixed(1.5)"
row "a pod every 2 s -> every 3 s" "workload.create-interval=fixed(3)"
row "pod start U(0.5,2.5) s -> U(3,5) s" "workload.pod-start-latency=uniform(3, 5)"
row "pod start U(0.5,2.5) s -> fixed 0.5 s" "workload.pod-start-latency=fixed(0.5)"
row "run time U(0.5,1.5) s -> 10 s" "workload.run-time=fixed(10)"
row "ENI creation lognormal(1.5) -> lognormal(3)" "controller.eni-create-latency=lognormal(3, 0.3)"
row "CoreDNS replicas on one node" "cluster.coredns.nodes=[0, 0]"
row "1 CoreDNS replica" cluster.coredns.replicas=1 "cluster.coredns.nodes=[0]"
row "replica per lookup (not per query)" cluster.coredns.replica-choice=per-lookup
row "allocation: lowest-free" subnet.allocation-policy=lowest-free
row "allocation: least-recently-released" subnet.allocation-policy=least-recently-released
row "allocation: most-recently-released" subnet.allocation-policy=most-recently-released
row "no periodic GC (quiet node)" kernel.gc-regime=no-gc
row "unicast probes to a stale MAC answered" vpc.answer-unicast-probes-to-stale-mac=true
row "musl resolver (timeout 5, attempts 2)" dns.resolver=musl
row "busybox nslookup of the FQDN (one socket, 2.5 s retries)" dns.resolver=busybox dns.name=kubernetes.default.svc.cluster.local
row "glibc attempts 2 -> 3" dns.attempts=3
row "m5.large nodes (9 branch ENIs)" cluster.instance-type=m5.large
