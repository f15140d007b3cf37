package dev.sgplab.cli;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --scenario FILE} and {@code --set key=value}, shared by the commands that run a scenario. */
final class ScenarioOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario key (YAML path with dots), e.g. controller.branch-eni-cooldown=45.")
    List<String> sets = new ArrayList<>();

    ScenarioTree load(String file) {
        return ScenarioLoader.loadFileOrBundled(file).withAll(sets);
    }
}
