package dev.sgplab.report;

import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.img;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.tr;

import dev.sgplab.lab.LabFacts;
import dev.sgplab.lab.LabLateness;
import dev.sgplab.observe.WorkloadObservation;
import dev.sgplab.sim.sweep.CellResult;
import j2html.tags.DomContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Pages of runs: one run (simulate, lab run, with the lab's settings in force) and a cluster run's rounds. */
final class RunPages {
    private RunPages() {
    }

    /** A run's figure in words, with its unit; the JSON's field names stay in result.json. */
    private record Figure(String words, String unit, Function<SimulateReport.Document, Object> value) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("scenario", "", SimulateReport.Document::scenario),
            new Figure("seed", "", SimulateReport.Document::seed),
            new Figure("branch-eni-cooldown", " s", SimulateReport.Document::cooldownSeconds),
            new Figure("pods", "", SimulateReport.Document::pods),
            new Figure("Error pods", "", SimulateReport.Document::errorPods),
            new Figure("IP reuses", "", SimulateReport.Document::ipReuses),
            new Figure("pods that waited for a branch ENI", "", SimulateReport.Document::podsWaitedForBranch),
            new Figure("largest delete queue on a node (ENIs)", "", SimulateReport.Document::maxDeleteQueueOnOneNode),
            new Figure("branch ENIs held in delete queues, time average (all nodes)", "",
                    SimulateReport.Document::meanDeleteQueueSummedOverNodes),
            new Figure("wait for a branch ENI per pod, mean", " s", SimulateReport.Document::meanBranchWaitSeconds),
            new Figure("test duration", " s", SimulateReport.Document::durationSeconds));

    /** One run: simulate's document, and for a lab run the lab's facts (else null). */
    static String runPage(SimulateReport.Document run, LabFacts lab, Map<String, byte[]> files, Instant renderedAt) {
        List<DomContent> content = new ArrayList<>();
        DomContent decision = Decision.run(lab != null ? "kernel lab" : "one simulated run", run.cooldownSeconds(),
                run.pods(), run.errorPods(), run.scenario(), renderedAt, failedStarts(run));
        content.add(p(lab != null ? "A kernel lab run (" + lab.runPrefix() + ", kernel " + lab.kernel() + ", time scale "
                + lab.timeScale() + ")." : "One run."));
        content.addAll(runSection(run, "reuse-gaps.png", files));
        if (lab != null) {
            content.addAll(labFacts(lab));
        }
        return HtmlReport.page("sgplab run: " + run.scenario(), decision, content.toArray(DomContent[]::new));
    }

    /**
     * With workloads, Error pods are not all that failed: a Deployment's failed start restarts its
     * container (CrashLoopBackOff) and ends no pod Error. Says the failed starts too; nothing without.
     */
    private static DomContent[] failedStarts(SimulateReport.Document run) {
        if (run.workloads() == null) {
            return new DomContent[0];
        }
        int failed = run.workloads().stream().mapToInt(WorkloadObservation::failedPodStarts).sum();
        int pods = run.workloads().stream().mapToInt(WorkloadObservation::pods).sum();
        return new DomContent[] {p(String.format(Locale.ROOT, "%d of %d pod starts failed their lookups: a Job's "
                + "pod then ends Error, a Deployment's container restarts (CrashLoopBackOff); each workload's "
                + "in the table \"Workloads\" below.", failed, pods))};
    }

    /** What a lab run states besides its observations: the kernel's settings in force and its timing. */
    private static List<DomContent> labFacts(LabFacts lab) {
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(td("kernel"), td(lab.kernel())));
        rows.add(tr(td("time scale (real s per model s)"), td(Double.toString(lab.timeScale()))));
        entries(lab.hostNeighDefaults()).forEach(e -> rows.add(tr(
                td("/proc/sys/net/ipv4/neigh/default/" + e.getKey()), td(e.getValue()))));
        entries(lab.dnsNodeNeighSettings()).forEach(e -> rows.add(tr(
                td("DNS nodes' links: " + e.getKey()), td(e.getValue()))));
        rows.add(tr(td("DNS server"), td(lab.dnsServer())));
        rows.add(tr(td("resolver"), td(lab.resolver())));
        entries(lab.guard()).forEach(e -> rows.add(tr(td("guard: " + words(e.getKey())), td(e.getValue()))));
        LabLateness lateness = lab.lateness();
        if (lateness != null) {
            // the record's components in their order, named as result.json names them
            rows.add(tr(td("how late, model time: " + words("effectsP95Seconds")),
                    td(Numbers.mean(lateness.effectsP95Seconds()))));
            rows.add(tr(td("how late, model time: " + words("effectsMaxSeconds")),
                    td(Numbers.mean(lateness.effectsMaxSeconds()))));
            rows.add(tr(td("how late, model time: " + words("clockMaxSeconds")),
                    td(Numbers.mean(lateness.clockMaxSeconds()))));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Kernel lab: settings in force and timing"));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        if (lab.notes() != null) {
            lab.notes().forEach(note -> content.add(p("Note: " + note)));
        }
        return content;
    }

    /** A map's entries in the saved document's order; none for a map the document left out. */
    private static List<Map.Entry<String, String>> entries(Map<String, String> map) {
        return map == null ? List.of() : List.copyOf(map.entrySet());
    }

    /** A JSON field name in words: effectsP95Seconds -> "effects p95 (s)". */
    static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.endsWith(" seconds") ? spaced.substring(0, spaced.length() - 8) + " (s)" : spaced;
    }

    /** A cluster run: the report's table as measured, then each cooldown as one run. */
    static String clusterPage(ClusterReport.Document cluster, Map<String, byte[]> files, Instant renderedAt) {
        List<DomContent> content = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (ClusterReport.RoundDocument round : cluster.rounds()) {
            measured.add(String.format(Locale.ROOT, "%d of %d pods at %d s", round.run().errorPods(),
                    round.run().pods(), round.cooldownSeconds()));
        }
        DomContent decision = Decision.verdict(p(strong("Measured on the cluster: " + String.join("; ", measured)
                + " ended Error.")), renderedAt, p("Each cooldown's reuses, gaps and Error pods follow; the cluster's "
                        + "delete queues are inside the controller and not observable."));
        content.add(p("A cluster run (" + cluster.runId() + ", namespace " + cluster.namespace() + ", "
                + cluster.nodes().size() + " SGPP nodes)."));
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(th("branch-eni-cooldown"), th("pods"), th("Error pods"), th("the report's Error pods"),
                th("IP reuses"), th("Error pods that reused an IP")));
        for (ClusterReport.RoundDocument round : cluster.rounds()) {
            SimulateReport.Document run = round.run();
            rows.add(tr(td(round.cooldownSeconds() + " s"), td(Integer.toString(run.pods())),
                    td(Integer.toString(run.errorPods())),
                    td(round.reportedErrorPods() != null ? round.reportedErrorPods().toString() : "-"),
                    td(Integer.toString(run.ipReuses())), td(Integer.toString(round.errorPodsThatReusedAnIp()))));
        }
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        for (ClusterReport.RoundDocument round : cluster.rounds()) {
            long cooldown = round.cooldownSeconds();
            content.add(h2("Cooldown " + cooldown + " s"));
            if (round.notes() != null) {
                round.notes().forEach(note -> content.add(p("Note: " + note)));
            }
            content.addAll(runSection(round.run(), "reuse-gaps-" + cooldown + ".png", files));
        }
        content.add(h2("Cluster left as found"));
        if (cluster.cleanup() != null) {
            cluster.cleanup().forEach(line -> content.add(p(line)));
        }
        return HtmlReport.page("sgplab cluster run " + cluster.runId(), decision, content.toArray(DomContent[]::new));
    }

    static List<DomContent> runSection(SimulateReport.Document run, String gapChart, Map<String, byte[]> files) {
        List<DomContent> rows = new ArrayList<>();
        for (Figure figure : FIGURES) {
            Object value = figure.value().apply(run);
            if (value == null) {
                continue;
            }
            // a negative count is what a backend that cannot see the figure records (a cluster's delete queues)
            String text = value instanceof Number number ? (number.doubleValue() < 0 ? SimulateReport.NOT_OBSERVABLE
                    : Numbers.mean(number.doubleValue()) + figure.unit()) : value.toString();
            rows.add(tr(td(figure.words()), td(text)));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        if (run.workloads() != null) {
            content.add(h2("Workloads"));
            content.add(Table.html(SimulateReport.workloadRows(run.workloads())));
        }
        if (run.assumptions() != null) {
            List<DomContent> assumed = new ArrayList<>();
            run.assumptions().forEach((key, value) -> assumed.add(tr(td(key), td(value))));
            content.add(h2("Assumed"));
            content.add(table(tbody(assumed.toArray(DomContent[]::new))));
        }
        List<Double> gaps = run.reuseGapsSeconds() == null ? List.of() : run.reuseGapsSeconds();
        if (!gaps.isEmpty()) {
            CellResult.Window window = GapCharts.window(run.assumptions());
            files.put(gapChart, Charts.png(GapCharts.runGapChart(gaps, window)));
            double[] share = GapCharts.shares(GapCharts.histogram(gaps), window);
            content.add(h2("Reuse gaps against the neighbour entry's lifetime"));
            content.add(p(String.format(Locale.ROOT, "%d reuses in %d s bins. Before %s (the old entry surely still "
                    + "there): %s; inside %s .. %s, where periodic GC removes it: %s.", gaps.size(),
                    CellResult.GAP_BIN_SECONDS, Numbers.seconds(window.from()), SweepPage.percent(share[0]),
                    Numbers.mean(window.from()), Numbers.seconds(window.to()), SweepPage.percent(share[1]))));
            content.add(img().withSrc(gapChart).withAlt("Reuse gaps"));
        }
        List<SimulateReport.Story> stories = run.errorStories();
        content.add(h2("Error pods"));
        if (stories == null) {
            content.add(p("Stories were not recorded (run with --trace)."));
        } else if (stories.isEmpty()) {
            content.add(p("No Error pods."));
        } else {
            content.add(p(ErrorStory.LEGEND));
            stories.forEach(story -> content.add(pre(story.text())));
            if (run.podDetails() != null) {
                content.add(pre(ErrorStory.summary(run.podDetails())).withClass("summary"));
            }
        }
        return content;
    }
}
