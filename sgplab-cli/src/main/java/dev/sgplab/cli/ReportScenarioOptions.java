package dev.sgplab.cli;

import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.OriginalReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --scenario FILE} defaulting to the report's scenario, with {@code --set}: reproduce, advise, bench. */
final class ReportScenarioOptions {
    @Option(names = "--scenario", paramLabel = "FILE", defaultValue = OriginalReport.SCENARIO,
            description = "Scenario file (default: ${DEFAULT-VALUE}, bundled if not found).")
    String scenario;

    @Mixin
    ScenarioOptions scenarioOptions;

    ScenarioTree load() {
        return scenarioOptions.load(scenario);
    }
}
