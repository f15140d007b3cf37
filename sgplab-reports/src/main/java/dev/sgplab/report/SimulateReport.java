package dev.sgplab.report;

import dev.sgplab.model.neighbour.GcActivity;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.ReuseGapStats;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.WorkloadObservation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's observations (simulator today; lab and cluster record the same types): counts, reuse
 * gaps and, with tracing, every Error pod's story.
 */
public final class SimulateReport {
    static final String NOT_OBSERVABLE = "not observable";
    private SimulateReport() {
    }

    /**
     * Reuse gaps in seconds: min and max exact; median and p90 the nearest-rank quantiles, exact or
     * within the stated precision ({@link ReuseGapStats}).
     */
    public record GapSummary(double min, double median, double p90, double max, String quantiles) {
        static GapSummary of(ReuseGapStats gaps) {
            if (gaps.count() == 0) {
                return null;
            }
            return new GapSummary(r(gaps.min()), r(gaps.quantile(0.5)), r(gaps.quantile(0.9)), r(gaps.max()),
                    gaps.quantilePrecision());
        }
    }

    /**
     * The JSON document of `simulate`. {@code reuseGapsSeconds} lists every gap while all are known
     * (up to {@link ReuseGapStats#EXACT_LIMIT}, or all with --details/--trace), otherwise null, so the
     * document's size does not grow with the run. Delete queues: {@code maxDeleteQueueOnOneNode} is
     * the largest queue seen on a single node; {@code meanDeleteQueueSummedOverNodes} the ENIs held in
     * all nodes' queues together, averaged over the run's time. {@code workloads}: per workload, in
     * Kubernetes' terms; absent when the scenario is the single churn test (its rows are the counts above).
     */
    public record Document(String scenario, Long seed, double cooldownSeconds, int pods, int errorPods, int ipReuses,
            GapSummary reuseGapSeconds, List<Double> reuseGapsSeconds, int podsWaitedForBranch,
            int maxDeleteQueueOnOneNode, double meanDeleteQueueSummedOverNodes, double meanBranchWaitSeconds,
            double durationSeconds, Map<String, String> assumptions, List<Story> errorStories,
            List<PodObservation> podDetails, List<GcActivity> gcActivity,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<WorkloadObservation> workloads) {
    }

    /** Per-workload results are worth their rows unless the run was one churn test (whose rows are the totals). */
    static List<WorkloadObservation> perWorkload(RunObservations run) {
        List<WorkloadObservation> all = run.workloads();
        boolean singleChurnTest = all.size() == 1 && "churn-test".equals(all.get(0).kind());
        return all.isEmpty() || singleChurnTest ? null : all;
    }

    public record Story(String pod, String text, PodObservation observation) {
    }

    /** A null seed: the run had none (a real cluster). */
    public static Document document(RunObservations run, Long seed, Map<String, String> assumptions, boolean trace) {
        List<Story> stories = null;
        List<WorkloadObservation> workloads = perWorkload(run);
        if (trace) {
            stories = new ArrayList<>();
            for (PodObservation pod : run.podDetails()) {
                if (pod.failed() || (workloads != null && pod.startFailed())) {
                    String gc = gcOfAnsweringNodes(pod, run.gcActivity());
                    String story = ErrorStory.tell(pod);
                    if (workloads != null) {
                        story = story.stripTrailing() + System.lineSeparator() + "  " + consequence(pod, workloads)
                                + System.lineSeparator();
                    }
                    stories.add(new Story(pod.name(), gc.isEmpty() ? story : story.stripTrailing() + gc
                            + System.lineSeparator(), pod));
                }
            }
        }
        List<Double> gaps = run.reuseGaps().all();
        return new Document(run.scenario(), seed, run.cooldownSeconds(), run.pods(), run.errorPods(),
                run.ipReuses(), GapSummary.of(run.reuseGaps()),
                gaps == null ? null : gaps.stream().map(SimulateReport::r).toList(), run.podsWaitedForBranch(),
                run.maxDeleteQueue(), r(run.meanDeleteQueue()), r(run.meanBranchWaitSeconds()), r(run.durationSeconds()), new LinkedHashMap<>(assumptions), stories,
                trace ? run.podDetails() : null, run.gcActivity(), workloads);
    }

    /** What the failed start did to the pod, in its workload's terms. */
    static String consequence(PodObservation pod, List<WorkloadObservation> workloads) {
        String kind = workloads.stream().filter(w -> w.name().equals(pod.workload())).map(WorkloadObservation::kind)
                .findFirst().orElse("workload");
        String what;
        if (pod.failed()) {
            what = kind.equals("job") || kind.equals("cronjob")
                    ? "the pod ended Error; the Job counts it against its backoffLimit and replaces it after its back-off"
                    : "the pod ended Error (restartPolicy Never)";
        } else {
            what = "the container exited and the kubelet restarted it " + pod.containerRestarts() + " time"
                    + (pod.containerRestarts() == 1 ? "" : "s") + " (CrashLoopBackOff)";
        }
        return "workload " + pod.workload() + " (" + kind + "): " + what;
    }

    /** Per CoreDNS node: the share of periodic GC runs that scanned, and the entry count's range. */
    public static String gcSummary(GcActivity a) {
        return String.format(Locale.ROOT, "%d of %d runs scanned (%.0f%%), entries %d..%d (gc_thresh1 %d)",
                a.scans(), a.periodicRuns(), 100 * (a.periodicRuns() == 0 ? 0 : a.scannedFraction()), a.minEntries(),
                a.maxEntries(), a.gcThresh1());
    }

    /** The periodic GC of the nodes whose entries decided the pod's tries: why an entry lived or went. */
    private static String gcOfAnsweringNodes(PodObservation pod, List<GcActivity> activity) {
        StringBuilder text = new StringBuilder();
        for (GcActivity a : activity) {
            boolean answered = pod.tries().stream().anyMatch(t -> t.entry() != null && a.node().equals(t.entry().node()));
            if (answered) {
                text.append(System.lineSeparator()).append("  periodic GC on ").append(a.node()).append(" over the run: ")
                        .append(gcSummary(a));
            }
        }
        return text.toString();
    }

    public static String json(RunObservations run, Long seed, Map<String, String> assumptions, boolean trace) {
        return Json.write(ResultKind.SIMULATE, document(run, seed, assumptions, trace));
    }

    /** The run as a terminal table. */
    public static String table(RunObservations run, Long seed, Map<String, String> assumptions, boolean trace) {
        Document d = document(run, seed, assumptions, trace);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Scenario %s, %scooldown %s s%n%n", d.scenario(),
                d.seed() == null ? "" : "seed " + d.seed() + ", ", fmt(d.cooldownSeconds())));
        Table table = new Table("observation", "value");
        table.row("pods", Integer.toString(d.pods()));
        table.row("Error pods", Integer.toString(d.errorPods()));
        table.row("IP reuses", Integer.toString(d.ipReuses()));
        if (d.reuseGapSeconds() != null) {
            GapSummary g = d.reuseGapSeconds();
            table.row("reuse gap min / median / p90 / max (s)",
                    fmt(g.min()) + " / " + fmt(g.median()) + " / " + fmt(g.p90()) + " / " + fmt(g.max())
                    + (ReuseGapStats.EXACT.equals(g.quantiles()) ? "" : " (quantiles " + g.quantiles() + ")"));
        }
        table.row("pods that waited for a branch ENI", Integer.toString(d.podsWaitedForBranch()));
        // a cluster's delete queues live inside the controller: not observable through the API
        table.row("largest delete queue on one node", d.maxDeleteQueueOnOneNode() < 0 ? NOT_OBSERVABLE
                : Integer.toString(d.maxDeleteQueueOnOneNode()));
        table.row("branch ENIs in all nodes' delete queues, time-averaged",
                Double.isNaN(d.meanDeleteQueueSummedOverNodes()) ? NOT_OBSERVABLE
                        : fmt(d.meanDeleteQueueSummedOverNodes()));
        table.row("wait for a branch ENI per pod, mean (s)", fmt(d.meanBranchWaitSeconds()));
        table.row("test duration (s)", fmt(d.durationSeconds()));
        for (GcActivity a : d.gcActivity()) {
            table.row("periodic GC on " + a.node() + " (CoreDNS)", gcSummary(a));
        }
        out.append(table.render());
        if (d.workloads() != null) {
            out.append(System.lineSeparator()).append(workloadTable(d.workloads()));
        }
        out.append(System.lineSeparator()).append("Assumed: ");
        List<String> parts = new ArrayList<>();
        d.assumptions().forEach((k, v) -> parts.add(k + "=" + v));
        out.append(String.join(", ", parts)).append(System.lineSeparator());
        if (d.errorStories() != null) {
            out.append(System.lineSeparator());
            if (d.errorStories().isEmpty()) {
                out.append("No Error pods.").append(System.lineSeparator());
            } else {
                out.append(wrap(ErrorStory.LEGEND, 100)).append(System.lineSeparator());
            }
            for (Story story : d.errorStories()) {
                out.append(story.text()).append(System.lineSeparator());
            }
            out.append(ErrorStory.summary(run.podDetails()));
        }
        return out.toString();
    }

    /**
     * Per workload in Kubernetes' terms: pods made, starts that failed their lookups, pods ended
     * Error, container restarts, the processes' own retries, starts delayed (mean and longest extra
     * latency), Jobs failed of started, rollouts stalled / completed of begun and their mean time (and a
     * Deployment's pods replaced outside rollouts, when any).
     */
    static String workloadTable(List<WorkloadObservation> workloads) {
        return Table.text(workloadRows(workloads));
    }

    /** {@link #workloadTable}'s rows, the headers first (the HTML run page shows the same). */
    static List<String[]> workloadRows(List<WorkloadObservation> workloads) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", "kind", "pods", "failed starts", "Error pods", "restarts",
                "process retries", "delayed starts (mean/max s)", "Jobs failed", "rollouts stalled/done/begun (mean s)"});
        for (WorkloadObservation w : workloads) {
            boolean jobs = w.kind().equals("job") || w.kind().equals("cronjob");
            rows.add(new String[] {w.name(), w.kind(), Integer.toString(w.pods()), Integer.toString(w.failedPodStarts()),
                    Integer.toString(w.errorPods()), Integer.toString(w.containerRestarts()),
                    Integer.toString(w.processRetries()), w.delayedStarts() == 0 ? "0" : w.delayedStarts() + " ("
                            + fmt(w.extraStartLatencyMean()) + "/" + fmt(w.extraStartLatencyMax()) + ")",
                    jobs ? w.jobsFailed() + " of " + w.jobs() : "-",
                    w.kind().equals("deployment") ? w.rolloutsStalled() + "/" + w.rolloutsCompleted() + "/" + w.rollouts()
                            + (w.rolloutsCompleted() == 0 ? "" : " (" + fmt(w.rolloutMeanSeconds()) + ")")
                            + (w.podReplacements() == 0 ? "" : "; " + w.podReplacements() + " pods replaced") : "-"});
        }
        return rows;
    }

    /** Words over lines of at most {@code width} characters, for a terminal. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append(System.lineSeparator());
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.append(System.lineSeparator()).toString();
    }

    static double r(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    public static String fmt(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Up to three decimals, trailing zeros dropped: how sweeps show means. */
    public static String fmt3(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    static String join(double... values) {
        return String.join(" ", Arrays.stream(values).mapToObj(SimulateReport::fmt).toList());
    }
}
