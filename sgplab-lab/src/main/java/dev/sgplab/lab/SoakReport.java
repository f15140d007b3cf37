package dev.sgplab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A soak's figures: by signal and the phase each signal hit, what was left, what cleanup fixed, time. */
public final class SoakReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SoakReport() {
    }

    /** One row: the runs of a signal that hit a phase. */
    record Row(SoakPlan.Signal signal, SoakPlan.Phase hit, int runs, int leftSomething, int cleanupFixedAll,
            int leftAfterCleanup, int notEnded) {
    }

    static List<Row> rows(List<LabSoak.Run> runs) {
        List<Row> rows = new ArrayList<>();
        for (SoakPlan.Signal signal : SoakPlan.Signal.values()) {
            for (SoakPlan.Phase phase : SoakPlan.Phase.values()) {
                List<LabSoak.Run> these = runs.stream().filter(r -> r.signal() == signal && r.hit() == phase).toList();
                if (!these.isEmpty()) {
                    rows.add(new Row(signal, phase, these.size(),
                            (int) these.stream().filter(r -> !r.leftovers().isEmpty()).count(),
                            (int) these.stream().filter(r -> r.cleanupRan() && r.afterCleanup().isEmpty()).count(),
                            (int) these.stream().filter(r -> !r.afterCleanup().isEmpty()).count(),
                            (int) these.stream().filter(r -> !r.endedInTime()).count()));
                }
            }
        }
        return rows;
    }

    /** Kind of leftover -> runs that left one (before cleanup). */
    static Map<String, Integer> leftoverKinds(List<LabSoak.Run> runs) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (String kind : LabLeftovers.KINDS) {
            int count = (int) runs.stream().filter(r -> r.leftovers().containsKey(kind)).count();
            if (count > 0) {
                kinds.put(kind, count);
            }
        }
        return kinds;
    }

    public static String table(LabSoak.Result result) {
        StringBuilder out = new StringBuilder();
        LabSoak.Calibration c = result.calibration();
        List<LabSoak.Run> runs = result.runs();
        out.append(String.format(Locale.ROOT, "Lab soak: %d interrupted runs of `lab run %s`, seed %d%n", runs.size(),
                String.join(" ", result.options().runArgs()), result.options().seed()));
        out.append(String.format(Locale.ROOT,
                "Calibration run %s (not interrupted): set-up %.2f s, mid-run %.2f s, teardown %.2f s; left %s%n%n",
                c.prefix(), c.setUpSeconds(), c.midRunSeconds(), c.teardownSeconds(),
                c.leftovers().isEmpty() ? "nothing" : c.leftovers().toString()));
        out.append(String.format(Locale.ROOT, "%-8s %-14s %5s %15s %22s %19s %10s%n", "signal", "phase hit", "runs",
                "left something", "lab cleanup fixed all", "left after cleanup", "not ended"));
        for (Row row : rows(runs)) {
            out.append(String.format(Locale.ROOT, "%-8s %-14s %5d %15d %22d %19d %10d%n", "SIG" + row.signal(),
                    row.hit().label(), row.runs(), row.leftSomething(), row.cleanupFixedAll(), row.leftAfterCleanup(),
                    row.notEnded()));
        }
        out.append('\n');
        Map<String, Integer> kinds = leftoverKinds(runs);
        out.append("Left before cleanup (runs): ").append(kinds.isEmpty() ? "nothing" : kinds.toString()).append('\n');
        long aimedHit = runs.stream().filter(r -> r.aim() == r.hit()).count();
        out.append(String.format(Locale.ROOT, "Signals that hit the phase aimed at: %d of %d%n", aimedHit, runs.size()));
        double[] seconds = runs.stream().mapToDouble(LabSoak.Run::seconds).toArray();
        out.append(String.format(Locale.ROOT, "Time per run (with checks and cleanup): mean %.1f s, max %.1f s, total %.1f min%n",
                java.util.Arrays.stream(seconds).average().orElse(0), java.util.Arrays.stream(seconds).max().orElse(0),
                java.util.Arrays.stream(seconds).sum() / 60));
        for (LabSoak.Run run : runs) {
            if (!run.afterCleanup().isEmpty() || (run.signal() != SoakPlan.Signal.KILL && !run.leftovers().isEmpty())
                    || !run.endedInTime()) {
                out.append(String.format(Locale.ROOT, "Run %d (%s, SIG%s at %s): left %s; after cleanup %s%s%n",
                        run.index(), run.prefix(), run.signal(), run.hit().label(), run.leftovers(), run.afterCleanup(),
                        run.endedInTime() ? "" : "; did not end within 60 s"));
            }
        }
        out.append("Result: ").append(result.passed() ? "PASS" : "FAIL").append(
                " (SIGINT and SIGTERM leave nothing; after SIGKILL, lab cleanup removes everything)\n");
        return out.toString();
    }

    public static String json(LabSoak.Result result) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("kind", "lab-soak");
        doc.put("version", 1);
        doc.put("seed", result.options().seed());
        doc.put("runArgs", String.join(" ", result.options().runArgs()));
        doc.put("passed", result.passed());
        LabSoak.Calibration c = result.calibration();
        ObjectNode cal = doc.putObject("calibration");
        cal.put("prefix", c.prefix());
        cal.put("setUpSeconds", c.setUpSeconds());
        cal.put("midRunSeconds", c.midRunSeconds());
        cal.put("teardownSeconds", c.teardownSeconds());
        cal.set("leftovers", JSON.valueToTree(c.leftovers()));
        ArrayNode rows = doc.putArray("byPhase");
        for (Row row : rows(result.runs())) {
            ObjectNode r = rows.addObject();
            r.put("signal", "SIG" + row.signal());
            r.put("phaseHit", row.hit().label());
            r.put("runs", row.runs());
            r.put("leftSomething", row.leftSomething());
            r.put("cleanupFixedAll", row.cleanupFixedAll());
            r.put("leftAfterCleanup", row.leftAfterCleanup());
            r.put("notEnded", row.notEnded());
        }
        doc.set("leftoverKinds", JSON.valueToTree(leftoverKinds(result.runs())));
        ArrayNode runs = doc.putArray("runs");
        for (LabSoak.Run run : result.runs()) {
            ObjectNode r = runs.addObject();
            r.put("index", run.index());
            r.put("prefix", run.prefix());
            r.put("signal", "SIG" + run.signal());
            r.put("aimedAt", run.aim().label());
            r.put("phaseHit", run.hit().label());
            r.put("signalAtSeconds", run.signalAtSeconds());
            r.put("exitCode", run.exitCode());
            r.put("endedInTime", run.endedInTime());
            r.set("leftovers", JSON.valueToTree(run.leftovers()));
            r.put("cleanupRan", run.cleanupRan());
            r.set("leftAfterCleanup", JSON.valueToTree(run.afterCleanup()));
            r.put("seconds", run.seconds());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
    }
}
