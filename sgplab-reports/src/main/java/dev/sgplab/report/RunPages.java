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

import dev.sgplab.observe.PodObservation;
import dev.sgplab.sim.sweep.CellResult;
import j2html.tags.DomContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Pages of runs: one run (simulate, lab run, with the lab's settings in force) and a cluster run's rounds. */
final class RunPages {
    private RunPages() {
    }

    /** A run's figures in words, with their units; the JSON's field names stay in result.json. */
    private static final List<String[]> FIGURES = List.of(
            new String[] {"scenario", "scenario", ""},
            new String[] {"seed", "seed", ""},
            new String[] {"cooldownSeconds", "branch-eni-cooldown", " s"},
            new String[] {"pods", "pods", ""},
            new String[] {"errorPods", "Error pods", ""},
            new String[] {"ipReuses", "IP reuses", ""},
            new String[] {"podsWaitedForBranch", "pods that waited for a branch ENI", ""},
            new String[] {"maxDeleteQueue", "largest delete queue on a node (ENIs)", ""},
            new String[] {"meanDeleteQueue", "branch ENIs held in delete queues, time average (all nodes)", ""},
            new String[] {"meanBranchWaitSeconds", "wait for a branch ENI per pod, mean", " s"},
            new String[] {"durationSeconds", "test duration", " s"});

    static String runPage(JsonNode run, Map<String, byte[]> files, Instant renderedAt) {
        List<DomContent> content = new ArrayList<>();
        boolean lab = run.has("lab") && !run.get("lab").isNull();
        DomContent decision = Decision.run(lab ? "kernel lab" : "one simulated run",
                run.path("cooldownSeconds").asDouble(), run.path("pods").asInt(), run.path("errorPods").asInt(),
                run.path("scenario").asString(), renderedAt);
        content.add(p(lab ? "A kernel lab run (" + run.get("lab").get("runPrefix").asString() + ", kernel "
                + run.get("lab").get("kernel").asString() + ", time scale " + run.get("lab").get("timeScale").asString()
                + ")." : "One run."));
        content.addAll(runSection(run, "reuse-gaps.png", files));
        if (lab) {
            content.addAll(labFacts(run.get("lab")));
        }
        return HtmlReport.page("sgplab run: " + run.path("scenario").asString(), decision,
                content.toArray(DomContent[]::new));
    }

    /** What a lab run states besides its observations: the kernel's settings in force and its timing. */
    private static List<DomContent> labFacts(JsonNode lab) {
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(td("kernel"), td(lab.path("kernel").asString())));
        rows.add(tr(td("time scale (real s per model s)"), td(lab.path("timeScale").asString())));
        lab.path("hostNeighDefaults").properties().forEach(e -> rows.add(tr(
                td("/proc/sys/net/ipv4/neigh/default/" + e.getKey()), td(e.getValue().asString()))));
        lab.path("dnsNodeNeighSettings").properties().forEach(e -> rows.add(tr(
                td("DNS nodes' links: " + e.getKey()), td(e.getValue().asString()))));
        rows.add(tr(td("DNS server"), td(lab.path("dnsServer").asString())));
        rows.add(tr(td("resolver"), td(lab.path("resolver").asString())));
        lab.path("guard").properties().forEach(e -> rows.add(tr(td("guard: " + words(e.getKey())),
                td(e.getValue().asString()))));
        JsonNode lateness = lab.path("lateness");
        if (lateness.isObject()) {
            lateness.properties().forEach(e -> rows.add(tr(td("how late, model time: " + words(e.getKey())),
                    td(e.getValue().isNumber() ? Numbers.mean(e.getValue().asDouble()) : e.getValue().asString()))));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Kernel lab: settings in force and timing"));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        lab.path("notes").forEach(note -> content.add(p("Note: " + note.asString())));
        return content;
    }

    /** A JSON field name in words: effectsP95Seconds -> "effects p95 (s)". */
    static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.endsWith(" seconds") ? spaced.substring(0, spaced.length() - 8) + " (s)" : spaced;
    }

    /** A cluster run: the report's table as measured, then each cooldown as one run. */
    static String clusterPage(JsonNode cluster, Map<String, byte[]> files, Instant renderedAt) {
        List<DomContent> content = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (JsonNode round : cluster.get("rounds")) {
            measured.add(String.format(Locale.ROOT, "%s of %s pods at %s s", round.path("run").path("errorPods").asString(),
                    round.path("run").path("pods").asString(), round.path("cooldownSeconds").asString()));
        }
        DomContent decision = Decision.verdict(p(strong("Measured on the cluster: " + String.join("; ", measured)
                + " ended Error.")), renderedAt, p("Each cooldown's reuses, gaps and Error pods follow; the cluster's "
                        + "delete queues are inside the controller and not observable."));
        content.add(p("A cluster run (" + cluster.get("runId").asString() + ", namespace "
                + cluster.get("namespace").asString() + ", " + cluster.get("nodes").size() + " SGPP nodes)."));
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(th("branch-eni-cooldown"), th("pods"), th("Error pods"), th("the report's Error pods"),
                th("IP reuses"), th("Error pods that reused an IP")));
        for (JsonNode round : cluster.get("rounds")) {
            JsonNode run = round.get("run");
            rows.add(tr(td(round.get("cooldownSeconds").asString() + " s"), td(run.get("pods").asString()),
                    td(run.get("errorPods").asString()),
                    td(round.path("reportedErrorPods").isNumber() ? round.get("reportedErrorPods").asString() : "-"),
                    td(run.get("ipReuses").asString()), td(round.get("errorPodsThatReusedAnIp").asString())));
        }
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        for (JsonNode round : cluster.get("rounds")) {
            String cooldown = round.get("cooldownSeconds").asString();
            content.add(h2("Cooldown " + cooldown + " s"));
            round.path("notes").forEach(note -> content.add(p("Note: " + note.asString())));
            content.addAll(runSection(round.get("run"), "reuse-gaps-" + cooldown + ".png", files));
        }
        List<DomContent> cleanup = new ArrayList<>();
        cluster.path("cleanup").forEach(line -> cleanup.add(p(line.asString())));
        content.add(h2("Cluster left as found"));
        content.addAll(cleanup);
        return HtmlReport.page("sgplab cluster run " + cluster.get("runId").asString(), decision,
                content.toArray(DomContent[]::new));
    }

    static List<DomContent> runSection(JsonNode run, String gapChart, Map<String, byte[]> files) {
        List<DomContent> rows = new ArrayList<>();
        for (String[] figure : FIGURES) {
            JsonNode value = run.path(figure[0]);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            String text = value.isNumber() ? (value.asDouble() < 0 ? SimulateReport.NOT_OBSERVABLE
                    : Numbers.mean(value.asDouble()) + figure[2]) : value.asString();
            rows.add(tr(td(figure[1]), td(text)));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        if (run.has("assumptions")) {
            List<DomContent> assumed = new ArrayList<>();
            run.get("assumptions").properties().forEach(e -> assumed.add(tr(td(e.getKey()), td(e.getValue().asString()))));
            content.add(h2("Assumed"));
            content.add(table(tbody(assumed.toArray(DomContent[]::new))));
        }
        List<Double> gaps = new ArrayList<>();
        run.path("reuseGapsSeconds").forEach(g -> gaps.add(g.asDouble()));
        if (!gaps.isEmpty()) {
            CellResult.Window window = GapCharts.window(run);
            files.put(gapChart, Charts.png(GapCharts.runGapChart(gaps, window)));
            double[] share = GapCharts.shares(GapCharts.histogram(gaps), window);
            content.add(h2("Reuse gaps against the neighbour entry's lifetime"));
            content.add(p(String.format(Locale.ROOT, "%d reuses in %d s bins. Before %s (the old entry surely still "
                    + "there): %s; inside %s .. %s, where periodic GC removes it: %s.", gaps.size(),
                    CellResult.GAP_BIN_SECONDS, Numbers.seconds(window.from()), SweepPage.percent(share[0]),
                    Numbers.mean(window.from()), Numbers.seconds(window.to()), SweepPage.percent(share[1]))));
            content.add(img().withSrc(gapChart).withAlt("Reuse gaps"));
        }
        JsonNode stories = run.path("errorStories");
        content.add(h2("Error pods"));
        if (stories.isMissingNode() || stories.isNull()) {
            content.add(p("Stories were not recorded (run with --trace)."));
        } else if (stories.isEmpty()) {
            content.add(p("No Error pods."));
        } else {
            content.add(p(ErrorStory.LEGEND));
            stories.forEach(story -> content.add(pre(story.get("text").asString())));
            JsonNode details = run.path("podDetails");
            if (details.isArray()) {
                content.add(pre(ErrorStory.summary(List.of(Json.read(details.toString(), PodObservation[].class,
                        "podDetails")))).withClass("summary"));
            }
        }
        return content;
    }
}
