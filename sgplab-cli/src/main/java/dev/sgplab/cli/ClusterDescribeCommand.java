package dev.sgplab.cli;

import dev.sgplab.cluster.Retries;
import dev.sgplab.cluster.describe.ClusterDescriber;
import dev.sgplab.cluster.describe.ClusterReadings;
import dev.sgplab.cluster.describe.Ec2Subnets;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sgplab cluster describe`: a scenario for the simulator from a running cluster, read-only. */
@Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a scenario (YAML, to stdout) that describes this cluster: trunk nodes and their instance "
                + "type, CoreDNS placement, the cooldown, the SGPP pods' DNS settings and subnet, and their churn over "
                + "the window; every value with a comment saying where it came from or that it is assumed. "
                + "Reads only (GET and LIST): the RBAC is deploy/k8s/describe-rbac.yaml; see docs/describe.md.",
                "Example: sgplab cluster describe --window 24h > my-cluster.yaml && sgplab simulate --scenario my-cluster.yaml"})
final class ClusterDescribeCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    ClusterCommand.Connection connection;

    @Option(names = "--window", defaultValue = "24h", paramLabel = "DURATION",
            description = "How far back to count pod churn: N followed by s, m, h or d (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--free-ips", paramLabel = "N", description = "Free addresses in the SGPP pods' subnet; EC2 is then "
            + "not asked (default: EC2 DescribeSubnets with the AWS SDK's default credentials).")
    Integer freeIps;

    @Option(names = "--no-ec2", description = "Do not call EC2; without --free-ips the scenario assumes that only the "
            + "simulated pods take addresses, and says so.")
    boolean noEc2;

    @Option(names = "--ec2-endpoint", paramLabel = "URL", description = "EC2 endpoint (default: the nodes' region's).")
    URI ec2Endpoint;

    @Override
    public Integer call() {
        Duration windowLength = window(window);
        if (freeIps != null && freeIps < 0) {
            throw new Errors.BadInputException("--free-ips must not be negative, got " + freeIps);
        }
        if (ec2Endpoint != null && (ec2Endpoint.getHost() == null
                || !("http".equals(ec2Endpoint.getScheme()) || "https".equals(ec2Endpoint.getScheme())))) {
            throw new Errors.BadInputException("--ec2-endpoint: expected an http:// or https:// URL, got '" + ec2Endpoint + "'");
        }
        PrintWriter out = out();
        String text = describe(connection, windowLength, freeIps, noEc2, ec2Endpoint, err());
        out.print(text);
        out.flush();
        return 0;
    }

    /** The --window option of describe (and of advise --kubeconfig) as a duration, or bad input. */
    static Duration window(String option) {
        Duration length = dev.sgplab.cluster.describe.ClusterDescriber.window(option);
        if (length == null) {
            throw new Errors.BadInputException("--window: expected a positive duration such as 24h, 90m, 2d or 3600s, got '"
                    + option + "'");
        }
        return length;
    }

    /**
     * The scenario text of the cluster the connection names, read only, with progress on err: what
     * `cluster describe` prints and what `advise --kubeconfig` advises on. Options checked by the caller.
     */
    static String describe(ClusterCommand.Connection connection, Duration windowLength, Integer freeIps, boolean noEc2,
            URI ec2Endpoint, PrintWriter err) {
        return connection.call(session -> {
            err.println("sgplab: describing cluster " + session.target().describe() + ", reading only");
            err.flush();
            ClusterReadings readings = ClusterReadings.read(session.client(), Retries.standard(), step -> {
                err.println("describe: " + step);
                err.flush();
            });
            Ec2Subnets ec2 = noEc2 || freeIps != null ? null : new Ec2Subnets(null, ec2Endpoint);
            if (ec2 != null) {
                err.println("describe: EC2 DescribeSubnets for the pods' subnets (credentials from the AWS SDK's default "
                        + "chain; outside AWS it may take a few seconds to find none)");
                err.flush();
            }
            return ClusterDescriber.describe(readings, new ClusterDescriber.Options(windowLength, Instant.now(), freeIps,
                    ec2, session.target().where()));
        });
    }
}
