package dev.sgplab.cli;

import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.report.AdviceReport;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.advise.Advisor;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "advise", mixinStandardHelpOptions = true,
        description = {"The smallest cooldown whose Error rate is below a target, its capacity cost, and what else helps.",
            "Describe your cluster with --set (any scenario key), --pods-per-minute and --free-ips."})
final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReportScenarioOptions scenario;

    @Option(names = "--pods-per-minute", description = "SGPP pods created per minute (sets workload.create-interval).")
    Double podsPerMinute;

    @Option(names = "--free-ips", description = "Addresses of the pod subnet free for branch ENIs (sets subnet.used-by-others).")
    Integer freeIps;

    @Option(names = "--target", defaultValue = "0.0001", description = "Acceptable Error pods per pod (default: ${DEFAULT-VALUE}, 1 in 10,000).")
    double target;

    @Option(names = "--replications", description = "Runs per setting (default: enough for zero errors to prove the target).")
    Integer replications;

    @Mixin
    Threads run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (!(target > 0 && target < 1)) {
            throw new Errors.BadInputException("--target must be a rate between 0 and 1, got " + target);
        }
        ScenarioTree tree = scenario.load();
        if (podsPerMinute != null) {
            if (!(podsPerMinute > 0)) {
                throw new Errors.BadInputException("--pods-per-minute must be positive, got " + podsPerMinute);
            }
            tree = tree.with("workload.create-interval", String.format(Locale.ROOT, "fixed(%s)", 60.0 / podsPerMinute));
        }
        if (freeIps != null) {
            Scenario s = tree.bind();
            int usable = (int) s.subnet().cidrBlock().size() - Subnet.RESERVED_ADDRESSES;
            if (freeIps <= 0 || freeIps > usable) {
                throw new Errors.BadInputException("--free-ips must be 1.." + usable + " for " + s.subnet().cidr()
                        + ", got " + freeIps);
            }
            tree = tree.with("subnet.used-by-others", Integer.toString(usable - freeIps));
        }
        Scenario checked = tree.bind();
        checked.warnings().forEach(w -> spec.commandLine().getErr().println("sgplab: warning: " + w));
        int runs = replications != null ? replications : Advisor.replicationsFor(target, checked.workload().pods());
        if (runs <= 0) {
            throw new Errors.BadInputException("--replications must be positive, got " + runs);
        }
        Advice advice;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "advise (replications)",
                runs * Advisor.maxEvaluations())) {
            advice = new Advisor(tree, target, runs, run.seed, run.count(), progress).advise();
        }
        return output.print(spec.commandLine().getOut(), () -> AdviceReport.json(advice), () -> AdviceReport.table(advice));
    }
}
