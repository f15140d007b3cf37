package dev.sgplab.report;

import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.img;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.tr;

import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Pages of runs: one run (simulate, lab run, with the lab's settings in force) and a cluster run's rounds. */
final class RunPages {
    private RunPages() {
    }

    static String runPage(JsonNode run, Map<String, byte[]> files) {
        List<DomContent> content = new ArrayList<>();
        boolean lab = run.has("lab") && !run.get("lab").isNull();
        content.add(p(lab ? "A kernel lab run (" + run.get("lab").get("runPrefix").asString() + ", kernel "
                + run.get("lab").get("kernel").asString() + ", time scale " + run.get("lab").get("timeScale").asString()
                + ")." : "One run."));
        content.addAll(runSection(run, "reuse-gaps.png", files));
        if (lab) {
            content.addAll(labFacts(run.get("lab")));
        }
        return HtmlReport.page("sgplab run: " + run.path("scenario").asString(), content.toArray(DomContent[]::new));
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
        lab.path("guard").properties().forEach(e -> rows.add(tr(td("guard: " + e.getKey()), td(e.getValue().asString()))));
        JsonNode lateness = lab.path("lateness");
        if (lateness.isObject()) {
            lateness.properties().forEach(e -> rows.add(tr(td("lateness: " + e.getKey()), td(e.getValue().asString()))));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Kernel lab: settings in force and timing"));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        lab.path("notes").forEach(note -> content.add(p("Note: " + note.asString())));
        return content;
    }

    /** A cluster run: the report's table as measured, then each cooldown as one run. */
    static String clusterPage(JsonNode cluster, Map<String, byte[]> files) {
        List<DomContent> content = new ArrayList<>();
        content.add(p("A cluster run (" + cluster.get("runId").asString() + ", namespace "
                + cluster.get("namespace").asString() + ", " + cluster.get("nodes").size() + " SGPP nodes)."));
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(td("cooldown (s)"), td("pods"), td("Error pods"), td("reported"), td("IP reuses"),
                td("Error pods that reused an IP")));
        for (JsonNode round : cluster.get("rounds")) {
            JsonNode run = round.get("run");
            rows.add(tr(td(round.get("cooldownSeconds").asString()), td(run.get("pods").asString()),
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
        return HtmlReport.page("sgplab cluster run " + cluster.get("runId").asString(), content.toArray(DomContent[]::new));
    }

    static List<DomContent> runSection(JsonNode run, String gapChart, Map<String, byte[]> files) {
        List<DomContent> rows = new ArrayList<>();
        for (String key : List.of("scenario", "seed", "cooldownSeconds", "pods", "errorPods", "ipReuses",
                "podsWaitedForBranch", "maxDeleteQueueOnOneNode", "meanDeleteQueueSummedOverNodes", "meanBranchWaitSeconds", "durationSeconds")) {
            if (run.has(key) && !run.get(key).isNull()) {
                rows.add(tr(td(key), td(run.get(key).asString())));
            }
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
            files.put(gapChart, Charts.png(GapCharts.runGapChart(gaps, GapCharts.window(run))));
            content.add(h2("Reuse gaps against the neighbour entry's lifetime"));
            content.add(img().withSrc(gapChart).withAlt("Reuse gaps"));
        }
        JsonNode stories = run.path("errorStories");
        content.add(h2("Error pods"));
        if (stories.isMissingNode() || stories.isNull()) {
            content.add(p("Stories were not recorded (run with --trace)."));
        } else if (stories.isEmpty()) {
            content.add(p("No Error pods."));
        } else {
            stories.forEach(story -> content.add(pre(story.get("text").asString())));
        }
        return content;
    }
}
