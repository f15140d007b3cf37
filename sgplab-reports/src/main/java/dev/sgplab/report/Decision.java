package dev.sgplab.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.section;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;

import dev.sgplab.sim.OriginalReport;
import dev.sgplab.sim.advise.HowToApply;
import dev.sgplab.sim.sweep.CellResult;
import dev.sgplab.sim.sweep.SweepResult;
import j2html.tags.DomContent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

/**
 * The section every report opens with: the answer, what it costs, what it assumes, and where it
 * comes from (sgplab's version, when the page was rendered, the result's JSON).
 */
final class Decision {
    /** The target of `sgplab advise` by default: 1 Error pod in 10,000. */
    static final double TARGET = 1e-4;
    static final String ID = "decision";

    private Decision() {
    }

    /** One group of cells along the cooldown: the shortest that meets the target (null: none does). */
    record Choice(String group, Integer cooldown, CellResult cell, double upper95) {
    }

    record Sweep(double target, List<Choice> choices) {
    }

    /** Per group of cells, the shortest swept cooldown whose one-sided 95 % upper bound is below the target. */
    static Sweep of(SweepResult result, double target) {
        List<Choice> choices = new ArrayList<>();
        if (!SweepPage.xKey(result).equals(SweepPage.COOLDOWN)) {
            return new Sweep(target, choices);
        }
        for (Map.Entry<String, List<CellResult>> group : SweepPage.groups(result, SweepPage.COOLDOWN).entrySet()) {
            List<CellResult> cells = group.getValue().stream()
                    .sorted((x, y) -> Double.compare(x.cooldownSeconds(), y.cooldownSeconds())).toList();
            Choice choice = null;
            for (CellResult cell : cells) {
                double upper = upper95(cell, result.replications());
                if (upper < target) {
                    choice = new Choice(group.getKey(), (int) Math.round(cell.cooldownSeconds()), cell, upper);
                    break;
                }
            }
            if (choice == null) {
                CellResult last = cells.get(cells.size() - 1);
                choice = new Choice(group.getKey(), null, last, upper95(last, result.replications()));
            }
            choices.add(choice);
        }
        return new Sweep(target, choices);
    }

    /** The one-sided 95 % Clopper-Pearson upper bound, as advise computes it (pods as trials). */
    static double upper95(CellResult cell, int replications) {
        int pods = cell.pods() * replications;
        int errors = (int) Math.round(cell.errorPods().mean() * replications);
        return BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(pods, errors, 0.10).getUpperBound();
    }

    static DomContent sweep(SweepResult result, Sweep decision, Instant renderedAt) {
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Decision"));
        if (decision.choices().isEmpty()) {
            content.add(p("This sweep does not vary the cooldown (" + SweepPage.xKey(result) + " instead): it answers "
                    + "how the Error rate moves with that setting; see the chart below."));
        }
        for (Choice choice : decision.choices()) {
            String where = choice.group().isEmpty() ? "" : " (" + choice.group() + ")";
            CellResult c = choice.cell();
            if (choice.cooldown() == null) {
                content.add(p(strong("No swept cooldown meets the target" + where + "."), text(String.format(Locale.ROOT,
                        " At the longest, %s, the Error rate is %s (at most %s at the one-sided 95 %% bound); target %s. "
                        + "Run sgplab advise for the cooldown it would take and for alternatives.",
                        Numbers.seconds(c.cooldownSeconds()), Numbers.rate(c.errorRate().estimate()),
                        Numbers.rateOfPods(choice.upper95()), Numbers.rateOfPods(decision.target())))));
                continue;
            }
            content.add(p(strong("Set branch-eni-cooldown to " + choice.cooldown() + " s" + where + "."),
                    text(String.format(Locale.ROOT, " It is the shortest swept cooldown whose Error rate is below %s: "
                            + "%s seen, at most %s at the one-sided 95 %% bound.", Numbers.rateOfPods(decision.target()),
                            Numbers.rate(c.errorRate().estimate()), Numbers.rateOfPods(choice.upper95())))));
            content.add(p(String.format(Locale.ROOT, "Its cost, per run of %d pods: %s pods wait for a branch ENI, %s of "
                    + "extra start latency per pod on average, %s branch ENIs held in the nodes' delete queues%s.",
                    c.pods(), Numbers.mean(c.podsWaitedForBranch()), Numbers.seconds(c.meanBranchWaitSeconds()),
                    Numbers.mean(c.meanDeleteQueue()), c.nodes() > 0 ? String.format(Locale.ROOT,
                            " (all nodes; their limit: %d nodes × %d branch ENIs)", c.nodes(), c.branchEniLimitPerNode())
                            : " (all nodes)")));
        }
        decision.choices().stream().filter(c -> c.cooldown() != null).findFirst().ifPresent(c ->
                content.add(pre(String.join("\n", HowToApply.cooldown(c.cooldown())))));
        content.add(p(String.format(Locale.ROOT, "Assumptions: scenario %s; %d replications per cell, seed %d; the "
                + "simulator's models and their named options (see each run's assumptions, or sgplab advise); rates "
                + "count pods as independent trials.", result.scenario(), result.replications(), result.seed())));
        content.add(provenance(renderedAt));
        return section(content.toArray(DomContent[]::new)).withId(ID);
    }

    /** One run: how many pods failed, against the report's count where the run is the report's test. */
    static DomContent run(String what, double cooldown, int pods, int errorPods, String scenario, Instant renderedAt,
            DomContent... more) {
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Decision"));
        content.add(p(strong(String.format(Locale.ROOT, "%d of %d pods ended Error at branch-eni-cooldown %s", errorPods,
                pods, Numbers.seconds(cooldown))), text(String.format(Locale.ROOT, " (%s, %s).", Numbers.rateOfPods(
                        pods == 0 ? 0 : errorPods / (double) pods), what))));
        reported(cooldown, pods, scenario).ifPresent(content::add);
        content.addAll(List.of(more));
        content.add(provenance(renderedAt));
        return section(content.toArray(DomContent[]::new)).withId(ID);
    }

    /** Any other result: a verdict and where the page comes from. */
    static DomContent verdict(DomContent answer, Instant renderedAt, DomContent... more) {
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Decision"));
        content.add(answer);
        content.addAll(List.of(more));
        content.add(provenance(renderedAt));
        return section(content.toArray(DomContent[]::new)).withId(ID);
    }

    private static java.util.Optional<DomContent> reported(double cooldown, int pods, String scenario) {
        if (pods != OriginalReport.PODS) {
            return java.util.Optional.empty();
        }
        return OriginalReport.ROWS.stream().filter(r -> r.cooldownSeconds() == cooldown).findFirst()
                .map(r -> p(String.format(Locale.ROOT, "The original report measured %d of 200 at %d s (one run of "
                        + "its test; scenario here: %s).", r.errorPods(), r.cooldownSeconds(), scenario)));
    }

    static DomContent provenance(Instant renderedAt) {
        return p(text("sgplab " + version() + ", rendered " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
                Locale.ROOT).withZone(ZoneOffset.UTC).format(renderedAt) + " from "), a("result.json")
                        .withHref("result.json"), text(" (the numbers on this page are that file's).")).withClass("meta");
    }

    static String version() {
        try (InputStream in = Decision.class.getResourceAsStream("sgplab.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
