package dev.sgplab.model.workload;

import dev.sgplab.model.dist.Distribution;

/**
 * The churn test: {@code pods} pods created {@code createInterval} apart, each resolving a name
 * {@code podStartLatency} after its branch ENI is ready, then completing {@code runTime} later (or
 * failing, status Error, when the lookup fails). Durations are in seconds.
 */
public record ChurnSpec(int pods, Distribution createInterval, Distribution podStartLatency, Distribution runTime,
        boolean roundRobin) {
}
