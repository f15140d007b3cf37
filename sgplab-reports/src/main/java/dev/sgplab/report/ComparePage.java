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

/** lab compare: the kernel's counts next to the simulator's range, the checks, the guard's run. */
final class ComparePage {
    private ComparePage() {
    }

    /** lab compare: the kernel's counts against the simulator's range, each check, and the guard's run. */
    static String comparePage(CompareReport.Document compare, Instant renderedAt) {
        ReproduceReport.ErrorPods range = compare.simulator().errorPods();
        DomContent decision = Decision.verdict(p(strong(compare.agree() ? "The kernel agrees with the simulator."
                : "The kernel does NOT agree with the simulator."), text(String.format(Locale.ROOT, " Kernel lab: %s "
                + "Error pods per run on average; simulator: %s, one run between %d and %d.",
                Numbers.mean(compare.lab().errorPods()), Numbers.mean(range.mean()), range.low(), range.high()))),
                renderedAt, p("The checks behind it are listed below the table."));
        List<DomContent> content = new ArrayList<>(compareSection(compare));
        if (compare.withGuard() != null) {
            content.add(h2("With sgplab guard on the DNS nodes"));
            content.addAll(compareSection(compare.withGuard()));
        }
        return HtmlReport.page("sgplab lab compare: " + compare.scenario(), decision, content.toArray(DomContent[]::new));
    }

    private static List<DomContent> compareSection(CompareReport.Document compare) {
        CompareReport.LabSide lab = compare.lab();
        CompareReport.SimulatorSide sim = compare.simulator();
        ReproduceReport.ErrorPods range = sim.errorPods();
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(th("lab run"), th("seed"), th("Error pods (kernel)"), th("IP reuses"),
                th("Error pods (simulator, same seed)"), th("simulator's one-run range")));
        for (int i = 0; i < lab.runs().size(); i++) {
            rows.add(tr(td(String.valueOf(i + 1)), td(String.valueOf(lab.seeds().get(i))),
                    td(String.valueOf(lab.runs().get(i))), td(String.valueOf(lab.ipReuses().get(i))),
                    td(String.valueOf(sim.pairedErrorPods().get(i))), td(range.low() + " .. " + range.high())));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(p(String.format(Locale.ROOT, "Time scale %s. Simulator: mean %s Error pods over %d replications "
                + "(standard deviation %s).", compare.timeScale(), range.mean(), sim.replications(),
                sim.standardDeviation())));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        if (compare.checks() != null) {
            compare.checks().forEach(check -> content.add(p(check)));
        }
        content.add(p(compare.agree() ? "agree: yes" : "agree: NO"));
        return content;
    }
}
