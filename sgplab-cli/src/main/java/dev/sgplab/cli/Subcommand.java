package dev.sgplab.cli;

import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every sgplab command has: its spec (picocli fills a {@code @Spec} field of a superclass too),
 * the streams it prints through (the injected ones, so that tests can capture them), and the one
 * form of a scenario's warnings. The bare {@code @Command} is there for picocli's annotation processor,
 * which wants a {@code @Spec} inside a command; each subclass's own {@code @Command} says everything.
 */
@Command
abstract class Subcommand {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The scenario bound, each of its warnings (e.g. a cooldown under the floor) said once on stderr. */
    Scenario bindWarning(ScenarioTree tree) {
        return warn(tree.bind());
    }

    /** The scenario, each of its warnings said once on stderr. */
    Scenario warn(Scenario scenario) {
        scenario.warnings().forEach(this::warn);
        return scenario;
    }

    void warn(String warning) {
        err().println("sgplab: warning: " + warning);
    }
}
