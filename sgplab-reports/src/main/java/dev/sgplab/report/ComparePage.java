package dev.sgplab.report;

import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.p;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.tr;

import j2html.tags.DomContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** lab compare: the kernel's counts next to the simulator's range, the checks, the guard's run. */
final class ComparePage {
    private ComparePage() {
    }

    /** lab compare: the kernel's counts against the simulator's range, each check, and the guard's run. */
    static String comparePage(JsonNode compare, Instant renderedAt) {
        boolean agree = compare.path("agree").asBoolean();
        JsonNode range = compare.path("simulator").path("errorPods");
        DomContent decision = Decision.verdict(p(strong(agree ? "The kernel agrees with the simulator."
                : "The kernel does NOT agree with the simulator."), text(String.format(Locale.ROOT, " Kernel lab: %s "
                + "Error pods per run on average; simulator: %s, one run between %s and %s.",
                Numbers.mean(compare.path("lab").path("errorPods").asDouble()), Numbers.mean(range.path("mean").asDouble()),
                range.path("low").asString(), range.path("high").asString()))), renderedAt,
                p("The checks behind it are listed below the table."));
        List<DomContent> content = new ArrayList<>(compareSection(compare));
        if (compare.hasNonNull("withGuard")) {
            content.add(h2("With sgplab guard on the DNS nodes"));
            content.addAll(compareSection(compare.get("withGuard")));
        }
        return HtmlReport.page("sgplab lab compare: " + compare.path("scenario").asString(), decision,
                content.toArray(DomContent[]::new));
    }

    private static List<DomContent> compareSection(JsonNode compare) {
        JsonNode lab = compare.get("lab");
        JsonNode sim = compare.get("simulator");
        JsonNode range = sim.get("errorPods");
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(th("lab run"), th("seed"), th("Error pods (kernel)"), th("IP reuses"),
                th("Error pods (simulator, same seed)"), th("simulator's one-run range")));
        for (int i = 0; i < lab.get("runs").size(); i++) {
            rows.add(tr(td(String.valueOf(i + 1)), td(lab.get("seeds").get(i).asString()),
                    td(lab.get("runs").get(i).asString()), td(lab.get("ipReuses").get(i).asString()),
                    td(sim.get("pairedErrorPods").get(i).asString()),
                    td(range.get("low").asString() + " .. " + range.get("high").asString())));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(p(String.format(Locale.ROOT, "Time scale %s. Simulator: mean %s Error pods over %s replications "
                + "(standard deviation %s).", compare.path("timeScale").asString(), range.get("mean").asString(),
                sim.get("replications").asString(), sim.get("standardDeviation").asString())));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        compare.path("checks").forEach(check -> content.add(p(check.asString())));
        content.add(p(compare.get("agree").asBoolean() ? "agree: yes" : "agree: NO"));
        return content;
    }
}
