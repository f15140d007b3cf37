package dev.sgplab.cli;

import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.report.AdviceReport;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.advise.Advisor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "advise", mixinStandardHelpOptions = true,
        description = {"The smallest cooldown whose Error rate is below a target, its capacity cost, and what else helps: "
                + "failed pod starts per day now and at the recommended settings, with what to paste for each change.",
            "Your cluster: --kubeconfig/--context describes it first (reads only, as sgplab cluster describe), or a "
                + "--scenario written by cluster describe; adjust with --set (any scenario key), --pods-per-minute and "
                + "--free-ips."})
final class AdviseCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    ReportScenarioOptions scenario;

    @Mixin
    ClusterCommand.Connection connection;

    @Option(names = "--window", paramLabel = "DURATION", description = "With --kubeconfig/--context: how far back "
            + "describe counts pod churn (default: 24h).")
    String window;

    @Option(names = "--no-ec2", description = "With --kubeconfig/--context: describe does not ask EC2 for free "
            + "addresses (give --free-ips, or the scenario assumes only its pods take addresses).")
    boolean noEc2;

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

    /** One pod a day: a slower churn has nothing to reuse within any cooldown. */
    static final double MIN_PODS_PER_MINUTE = 1.0 / 1440;

    /**
     * The replications a target needs for zero errors to prove it, or a refusal saying so when
     * that is past the bounds (a tiny target must not overflow or run for ever).
     */
    static int replicationsToShow(double target, int pods) {
        long bound = Math.min(Replications.MAX_PER_SETTING, Replications.MAX_RUNS / Advisor.maxEvaluations());
        int needed = Advisor.replicationsFor(target, pods); // a cast that saturates: never overflows
        if (needed > bound) {
            double lowest = 3.0 * 1.2 / pods / bound; // Advisor.replicationsFor solved for the target
            double step = Math.pow(10, Math.floor(Math.log10(lowest)) - 1);
            lowest = Math.ceil(lowest / step) * step; // rounded up to two digits, so the hint itself passes
            throw new Errors.BadInputException(String.format(Locale.ROOT, "--target %.3g needs %s%,d replications per "
                    + "setting to show it (3 / (target x %d pods) x 1.2), over sgplab's bound of %,d: give --target "
                    + "%.2g or above, or --replications (then the target is only estimated)", target,
                    needed == Integer.MAX_VALUE ? "more than " : "", needed, pods, bound, lowest));
        }
        return needed;
    }

    @Override
    public Integer call() {
        if (!(target > 0 && target < 1)) {
            throw new Errors.BadInputException("--target must be a rate between 0 and 1, got " + target);
        }
        if (replications != null) {
            RunBudget.check("--replications", replications, Advisor.maxEvaluations());
        }
        int threads = run.count();
        if (podsPerMinute != null && !(podsPerMinute >= MIN_PODS_PER_MINUTE && Double.isFinite(podsPerMinute))) {
            throw new Errors.BadInputException("--pods-per-minute must be a finite number of at least 1/1440 "
                    + "(one pod a day), got " + podsPerMinute);
        }
        ScenarioTree tree = fromCluster() ? describe() : scenario.load();
        if (podsPerMinute != null) {
            if (!tree.bind().singleChurnTest()) {
                throw new Errors.BadInputException("--pods-per-minute sets the churn test's create-interval; this "
                        + "scenario has a workloads: list, whose rates are its workloads' own (edit them in the "
                        + "scenario file; cluster describe writes one)");
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
        SweepCommand.refuseSilentFallback(checked, "");
        int runs = replications != null ? replications : replicationsToShow(target, Advisor.podsPerRun(tree, run.seed));
        warn(checked);
        Advice advice;
        try (Progress progress = new Progress(err(), "advise (replications)",
                runs * Advisor.maxEvaluations())) {
            advice = new Advisor(tree, target, runs, run.seed, threads, RunBudget.announce(err(),
                    "advise (at most)", (long) runs * Advisor.maxEvaluations(), threads, progress)).advise();
        }
        return output.print(out(), () -> AdviceReport.json(advice), () -> AdviceReport.table(advice));
    }

    private boolean fromCluster() {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean cluster = parsed.hasMatchedOption("--kubeconfig") || parsed.hasMatchedOption("--context");
        if (cluster && parsed.hasMatchedOption("--scenario")) {
            throw new Errors.BadInputException("give either --scenario or --kubeconfig/--context (which describes the "
                    + "cluster into a scenario), not both");
        }
        if (!cluster && (window != null || noEc2)) {
            throw new Errors.BadInputException((window != null ? "--window" : "--no-ec2")
                    + " goes with --kubeconfig/--context (advise then describes the cluster first)");
        }
        return cluster;
    }

    /**
     * `cluster describe` first, read-only, then the described scenario with --set on top: the advice is
     * for that cluster. Its options are checked before any call.
     */
    private ScenarioTree describe() {
        Duration windowLength = ClusterDescribeCommand.window(window == null ? "24h" : window);
        if (freeIps != null && freeIps <= 0) {
            throw new Errors.BadInputException("--free-ips must be at least 1, got " + freeIps);
        }
        PrintWriter err = err();
        String text = ClusterDescribeCommand.describe(connection, windowLength, freeIps, noEc2, null, err);
        err.println("sgplab: advising for the described cluster (save the scenario with sgplab cluster describe to edit "
                + "or rerun it)");
        err.flush();
        return ScenarioTree.parse(text, "the described cluster").withAll(scenario.scenarioOptions.sets);
    }
}
