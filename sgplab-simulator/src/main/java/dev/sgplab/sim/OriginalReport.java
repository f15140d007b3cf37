package dev.sgplab.sim;

import java.util.List;

/**
 * The measurements of the report we build from (shared/problem/original-report.md): 200 pods per
 * run, Error pods at each cooldown.
 */
public final class OriginalReport {
    public static final int PODS = 200;
    public static final String SCENARIO = "scenarios/report-200-pods.yaml";

    public record Row(int cooldownSeconds, int errorPods) {
    }

    public static final List<Row> ROWS = List.of(new Row(30, 29), new Row(60, 2), new Row(70, 0));

    private OriginalReport() {
    }
}
