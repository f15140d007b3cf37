package dev.sgplab.cli;

import dev.sgplab.report.ReproduceReport;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.OriginalReport;
import dev.sgplab.sim.Reproduction;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "The original report's table (cooldown 30/60/70 s -> Error pods of 200) from the simulator.")
final class ReproduceCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    ReportScenarioOptions scenario;

    @Option(names = "--replications", defaultValue = "200", description = "Replications per cooldown (default: ${DEFAULT-VALUE}).")
    int replications;

    @Mixin
    Threads run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        RunBudget.check("--replications", replications, OriginalReport.ROWS.size());
        int threadCount = run.count();
        ScenarioTree tree = scenario.load();
        Scenario checked = tree.bind();
        checked.requireChurnTest("reproduce");
        warn(checked);
        PrintWriter err = err();
        int runs = replications * OriginalReport.ROWS.size(); // bounded by RunBudget.check
        Progress progress = new Progress(err, "reproduce", runs);
        Reproduction.Result result = Reproduction.run(tree, run.seed, replications, threadCount,
                RunBudget.announce(err, "reproduce", runs, threadCount, progress));
        return output.print(out(), () -> ReproduceReport.json(result),
                () -> ReproduceReport.table(result));
    }
}
