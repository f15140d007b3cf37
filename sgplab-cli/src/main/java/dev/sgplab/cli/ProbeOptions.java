package dev.sgplab.cli;

import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options `simulate probe` and `lab probe` share, and the scenario they run. */
final class ProbeOptions {
    enum Regime { GC, NO_GC }

    @Option(names = "--gap", required = true, paramLabel = "SECONDS",
            description = "Seconds between the old owner's deletion and the new owner's appearance.")
    double gap;

    @Option(names = "--regime", defaultValue = "gc", converter = RegimeConverter.class,
            description = "gc (the table is at or above gc_thresh1) or no-gc (default: ${DEFAULT-VALUE}).")
    Regime regime;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Kernel, resolver and subnet settings (default: the reference defaults).")
    String scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key.")
    List<String> sets = new ArrayList<>();

    @Mixin
    OutputOptions output;

    /** The scenario with one DNS node, one replica, an address for the node, and the regime asked for. */
    Scenario scenario() {
        if (!(gap >= 0) || Double.isInfinite(gap)) {
            throw new Errors.BadInputException("--gap must be a number of seconds >= 0, got " + gap);
        }
        ScenarioTree tree = (scenario == null ? ScenarioTree.defaults() : ScenarioLoader.loadFileOrBundled(scenario))
                .withAll(sets)
                .with("kernel.gc-regime", regime == Regime.GC ? "gc" : "no-gc")
                .with("cluster.nodes", "1")
                .with("cluster.coredns.replicas", "1")
                .with("cluster.coredns.nodes", "[0]");
        if (tree.bind().subnet().usedByOthers() == 0) {
            tree = tree.with("subnet.used-by-others", "1");
        }
        return tree.bind();
    }

    static final class RegimeConverter implements picocli.CommandLine.ITypeConverter<Regime> {
        @Override
        public Regime convert(String value) {
            return switch (value) {
                case "gc" -> Regime.GC;
                case "no-gc" -> Regime.NO_GC;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected gc or no-gc, got '" + value + "'");
            };
        }
    }
}
