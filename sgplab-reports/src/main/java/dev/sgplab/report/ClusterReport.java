package dev.sgplab.report;

import dev.sgplab.cluster.ClusterRun;
import dev.sgplab.cluster.SgppSupport;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.sim.OriginalReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * `cluster run`: the report's table measured on a real cluster, then each cooldown in simulate's
 * format (JSON: simulate's document per cooldown), with what the harness noticed and how it left
 * the cluster. What the Kubernetes API does not show (delete queues, each lookup's tries) is
 * marked as not observable.
 */
public final class ClusterReport {
    private ClusterReport() {
    }

    public record Document(String runId, String namespace, List<SgppSupport.Node> nodes, String cooldownBefore,
            List<RoundDocument> rounds, List<String> cleanup, List<String> notes) {
    }

    public record RoundDocument(long cooldownSeconds, Integer reportedErrorPods, int errorPodsThatReusedAnIp,
            Double shortestGapOfAnErrorPodSeconds, SimulateReport.Document run, List<String> notes) {
    }

    public static Document document(ClusterRun.Result result, Map<String, String> assumptions, boolean trace) {
        List<RoundDocument> rounds = new ArrayList<>();
        for (ClusterRun.Round round : result.rounds()) {
            RunObservations run = round.observations();
            List<PodObservation> reusedAndFailed = run.podDetails().stream()
                    .filter(p -> p.failed() && p.previousOwner() != null).toList();
            Double shortest = reusedAndFailed.stream().mapToDouble(p -> p.previousOwner().gapSeconds())
                    .filter(g -> !Double.isNaN(g)).boxed().min(Double::compare).map(SimulateReport::r).orElse(null);
            rounds.add(new RoundDocument(round.cooldownSeconds(), reported(round.cooldownSeconds(), run.pods()),
                    reusedAndFailed.size(), shortest, SimulateReport.document(run, null, assumptions, trace), round.notes()));
        }
        return new Document(result.runId(), result.namespace(), result.nodes(), result.cooldownBefore(), rounds,
                result.cleanup(), result.notes());
    }

    /** What the original report measured at this cooldown, when the run is the report's size. */
    private static Integer reported(long cooldownSeconds, int pods) {
        if (pods != OriginalReport.PODS) {
            return null;
        }
        return OriginalReport.ROWS.stream().filter(r -> r.cooldownSeconds() == cooldownSeconds)
                .map(OriginalReport.Row::errorPods).findFirst().orElse(null);
    }

    public static String json(ClusterRun.Result result, Map<String, String> assumptions, boolean trace) {
        return json(document(result, assumptions, trace));
    }

    public static String json(Document document) {
        return Json.write(ResultKind.CLUSTER_RUN, document);
    }

    /** The cluster run as a terminal table. */
    public static String table(ClusterRun.Result result, Map<String, String> assumptions, boolean trace) {
        Document d = document(result, assumptions, trace);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cluster run %s in namespace %s on %d SGPP nodes (%s)%n%n", d.runId(),
                d.namespace(), d.nodes().size(), String.join(", ", d.nodes().stream()
                        .map(n -> n.name() + ": " + n.podEniCapacity() + " branch ENIs").toList())));
        Table table = new Table("cooldown", "pods", "Error pods", "reported", "IP reuses", "Error pods that reused an IP",
                "reuse gap min / median / max (s)", "shortest gap of an Error pod (s)");
        for (RoundDocument round : d.rounds()) {
            SimulateReport.Document run = round.run();
            SimulateReport.GapSummary g = run.reuseGapSeconds();
            table.row(round.cooldownSeconds() + " s", Integer.toString(run.pods()), Integer.toString(run.errorPods()),
                    round.reportedErrorPods() == null ? "-" : round.reportedErrorPods().toString(),
                    Integer.toString(run.ipReuses()), Integer.toString(round.errorPodsThatReusedAnIp()),
                    g == null ? "-" : SimulateReport.fmt(g.min()) + " / " + SimulateReport.fmt(g.median()) + " / "
                            + SimulateReport.fmt(g.max()),
                    round.shortestGapOfAnErrorPodSeconds() == null ? "-"
                            : SimulateReport.fmt(round.shortestGapOfAnErrorPodSeconds()));
        }
        out.append(table.render());
        out.append(String.format(Locale.ROOT, "%nA reuse gap runs from the previous owner's end to the new owner's "
                + "pod-eni annotation, both as the harness's watch saw them.%n"));
        for (String note : d.notes()) {
            out.append("Note: ").append(note).append(System.lineSeparator());
        }
        for (RoundDocument round : d.rounds()) {
            if (!round.notes().isEmpty() || trace) {
                out.append(String.format(Locale.ROOT, "%nCooldown %d s:%n", round.cooldownSeconds()));
            }
            for (String note : round.notes()) {
                out.append("  Note: ").append(note).append(System.lineSeparator());
            }
            if (trace) {
                out.append(SimulateReport.table(result.rounds().stream()
                        .filter(r -> r.cooldownSeconds() == round.cooldownSeconds()).findFirst().orElseThrow()
                        .observations(), null, assumptions, true).indent(2));
            }
        }
        out.append(System.lineSeparator()).append("Cluster left as found: ").append(String.join("; ", d.cleanup()))
                .append(System.lineSeparator());
        return out.toString();
    }
}
