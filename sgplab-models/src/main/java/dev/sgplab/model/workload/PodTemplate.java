package dev.sgplab.model.workload;

import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.dns.ResolverProfile;
import java.util.List;

/**
 * What a workload's pods share: the workload's name (their name prefix), their resolver
 * (resolv.conf from the pod's dnsPolicy and dnsConfig), the names their process looks up when it
 * starts (one after the other; the start fails at the first that does not resolve), the time
 * from the branch ENI being ready to the first lookup, and how often the process itself retries
 * a failed lookup before it exits (0: it exits at once), {@code processRetryDelay} seconds apart.
 *
 * @param randomPrefix the prefix of the workload's random streams ("workload" for the scenario's
 *                     single churn test, so that its runs stay as they were)
 */
public record PodTemplate(String workload, ResolverProfile resolver, List<String> names,
        Distribution startLatency, int processRetries, Distribution processRetryDelay, String randomPrefix) {

    public PodTemplate {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a workload's pods must look up at least one name");
        }
        if (processRetries < 0) {
            throw new IllegalArgumentException("process retries must not be negative, got " + processRetries);
        }
    }
}
