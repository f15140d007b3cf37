package dev.sgplab.lab;

import java.util.Locale;

/**
 * What the kernel's arp entry count (tbl->entries) was during a lab run, sampled at a fixed real
 * interval, against the count the scenario gives the DNS node at the same moment (its population,
 * the test pods' VPC CNI entries on that node, and the node's own entries for the pods, which the
 * kernel holds): both ranges, how many samples were off by more than {@link #TOLERANCE} entries,
 * and how many put the kernel on the other side of gc_thresh1 than the scenario. {@code padding}
 * is the range of permanent entries the lab added to reach the scenario's count (it cannot take
 * entries away: when its own and the host's entries exceed the count, samples are off).
 * {@code entriesBeforeBuild}: the host's own, and a previous run's that the kernel still frees in
 * the background after its namespaces were deleted (netns cleanup is deferred to a workqueue).
 */
public record ArpCount(int gcThresh1, double sampleSeconds, int samples, int kernelMin, int kernelMax,
        int scenarioMin, int scenarioMax, int maxOff, int samplesOff, int samplesOtherSideOfThresh1,
        int entriesBeforeBuild, int paddingMin, int paddingMax) {

    /** Entries a sample may be off by: a pod's VPC CNI entries change together, up to 3 at once. */
    public static final int TOLERANCE = 3;
    /** The share of samples that may be off before the run says its count was not the scenario's. */
    public static final double MAX_SHARE_OFF = 0.05;

    /**
     * Whether the kernel held the scenario's count through the run: at most {@link #MAX_SHARE_OFF} of
     * the samples off by more than {@link #TOLERANCE}. (Samples on the other side of gc_thresh1 within
     * the tolerance are reported, not judged: near gc_thresh1 one entry moves a sample across.)
     */
    public boolean held() {
        return samples > 0 && samplesOff <= MAX_SHARE_OFF * samples;
    }

    public String describe() {
        return String.format(Locale.ROOT, "the kernel's arp table held %d..%d entries, the scenario's count %d..%d "
                + "(gc_thresh1 %d); %d of %d samples (every %s s) off by more than %d (at most %d off), %d on the "
                + "other side of gc_thresh1; %d entries in the table before the lab built anything, %d..%d permanent "
                + "entries added",
                kernelMin, kernelMax, scenarioMin, scenarioMax, gcThresh1, samplesOff, samples,
                trim(sampleSeconds), TOLERANCE, maxOff, samplesOtherSideOfThresh1, entriesBeforeBuild, paddingMin,
                paddingMax);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
