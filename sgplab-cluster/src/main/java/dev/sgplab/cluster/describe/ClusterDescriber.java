package dev.sgplab.cluster.describe;

import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.SgppSupport;
import dev.sgplab.cluster.VpcCniConfigMap;
import dev.sgplab.model.controller.Cooldown;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A scenario for the simulator from what a cluster shows through its API (and EC2 for free
 * addresses): every value with a comment naming its source (object and field) or saying it is
 * assumed, and what the scenario format cannot hold yet in commented sections at the end.
 */
public final class ClusterDescriber {
    static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    static final String TRUNK_LABEL = "vpc.amazonaws.com/has-trunk-attached";
    static final String REFERENCE = "the scenario reference's default";

    /**
     * @param window   the churn window
     * @param now      the time the window ends (the cluster's reads)
     * @param freeIps  free addresses in the pods' subnet as the user gave them (--free-ips); null: ask EC2
     * @param ec2      EC2 for free addresses; null: not asked
     * @param where    the cluster, for the header
     */
    public record Options(Duration window, Instant now, Integer freeIps, Ec2Subnets ec2, String where) {
    }

    private final ClusterReadings readings;
    private final Options options;
    private final ScenarioText out = new ScenarioText();
    /** Commented sections for what the scenario format has no key for (yet). */
    private final List<String> beyondTheFormat = new ArrayList<>();

    private ClusterDescriber(ClusterReadings readings, Options options) {
        this.readings = readings;
        this.options = options;
    }

    /** The scenario text; a ClusterException (bad input) when the cluster has nothing to simulate. */
    public static String describe(ClusterReadings readings, Options options) {
        return new ClusterDescriber(readings, options).write();
    }

    private String write() {
        List<Node> trunkNodes = readings.nodes().stream().filter(ClusterDescriber::trunkReady)
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
        if (trunkNodes.isEmpty()) {
            throw new ClusterException("no node of " + readings.nodes().size() + " has a trunk ENI (label " + TRUNK_LABEL
                    + "=true or allocatable " + SgppSupport.POD_ENI_RESOURCE + "), so no pod can use security groups "
                    + "for pods: there is nothing to simulate");
        }
        List<Pod> sgppPods = readings.pods().stream().filter(ChurnEstimate::isSgpp).toList();
        List<Pod> coredns = readings.pods().stream().filter(ClusterDescriber::isCoreDns)
                .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null).toList();
        List<String> scenarioNodes = new ArrayList<>(trunkNodes.stream().map(n -> n.getMetadata().getName()).toList());
        coredns.stream().map(p -> p.getSpec().getNodeName()).distinct().filter(n -> !scenarioNodes.contains(n))
                .forEach(scenarioNodes::add);

        out.comment("Written by `sgplab cluster describe` from " + options.where() + " at " + options.now() + ",\n"
                + "churn window " + Times.human(options.window()) + ". Every value says where it came from (object and "
                + "field)\nor that it is assumed. Keys not written here have the scenario reference's defaults.");
        out.value("name", "described-cluster", "a label for reports, not read from the cluster");
        out.blank();
        cluster(trunkNodes, scenarioNodes, coredns);
        subnet(sgppPods);
        kernel(coredns);
        controller();
        dns(sgppPods);
        workload(sgppPods);
        out.blank().comment("----------------------------------------------------------------------------------\n"
                + "Read from the cluster, but the scenario format has no key for it yet (comments only).");
        beyondTheFormat.forEach(section -> out.blank().comment(section));
        return out.toString();
    }

    private void cluster(List<Node> trunkNodes, List<String> scenarioNodes, List<Pod> coredns) {
        Map<String, Long> types = trunkNodes.stream().collect(Collectors.groupingBy(ClusterDescriber::instanceType,
                TreeMap::new, Collectors.counting()));
        String type = types.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int limit = trunkNodes.stream().filter(n -> instanceType(n).equals(type)).mapToInt(SgppSupport::podEniCapacity)
                .max().orElse(0);
        out.open("cluster");
        int extra = scenarioNodes.size() - trunkNodes.size();
        out.value("nodes", String.valueOf(scenarioNodes.size()), trunkNodes.size() + " nodes with a trunk ENI (Node label "
                + TRUNK_LABEL + " or status.allocatable." + SgppSupport.POD_ENI_RESOURCE + ")"
                + (extra > 0 ? " + " + extra + " without one that run CoreDNS (the simulator may place SGPP pods there too)"
                        : ""));
        out.value("instance-type", ScenarioText.scalar(type), "Node label " + INSTANCE_TYPE + " of " + types.get(type)
                + " of them" + (types.size() > 1 ? "; mixed types: " + types + " (the format has one type)" : ""));
        out.value("branch-interface-limit", String.valueOf(limit), limit > 0 ? "Node status.allocatable."
                + SgppSupport.POD_ENI_RESOURCE + " of the " + type + " nodes"
                : "none advertised: 0 takes the controller's table for the type");
        out.open("coredns");
        if (coredns.isEmpty()) {
            out.value("replicas", "2", "assumed: no pod with label k8s-app=kube-dns in kube-system (EKS default 2)");
            out.value("nodes", "[]", "assumed: replica i on node i");
        } else {
            List<Integer> indices = coredns.stream().map(p -> scenarioNodes.indexOf(p.getSpec().getNodeName())).toList();
            out.value("replicas", String.valueOf(coredns.size()), "Pods kube-system, label k8s-app=kube-dns, scheduled");
            out.value("nodes", ScenarioText.flowNumbers(indices), "their spec.nodeName: " + coredns.stream()
                    .map(p -> p.getSpec().getNodeName()).collect(Collectors.joining(", ")));
        }
        out.end().end().blank();
        nodesSection(scenarioNodes);
    }

    private void nodesSection(List<String> scenarioNodes) {
        Map<String, List<Pod>> byNode = readings.pods().stream().filter(p -> p.getSpec() != null
                && p.getSpec().getNodeName() != null && !finished(p)).collect(Collectors.groupingBy(
                        p -> p.getSpec().getNodeName(), LinkedHashMap::new, Collectors.toList()));
        StringBuilder s = new StringBuilder("Nodes (Node label " + INSTANCE_TYPE + ", trunk from label " + TRUNK_LABEL
                + " / allocatable " + SgppSupport.POD_ENI_RESOURCE + ";\npods: Pods by spec.nodeName, not finished; "
                + "SGPP: with a pod-eni annotation). Scenario index in [ ]:");
        readings.nodes().stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).forEach(n -> {
            String name = n.getMetadata().getName();
            List<Pod> pods = byNode.getOrDefault(name, List.of());
            int index = scenarioNodes.indexOf(name);
            s.append(String.format(java.util.Locale.ROOT, "%n  %s %s: %s, trunk %s (%d branch ENIs), %d pods, %d SGPP, "
                    + "%d CoreDNS", index < 0 ? "[-]" : "[" + index + "]", name, instanceType(n),
                    trunkReady(n) ? "ready" : "no", SgppSupport.podEniCapacity(n), pods.size(),
                    pods.stream().filter(ChurnEstimate::isSgpp).count(), pods.stream().filter(ClusterDescriber::isCoreDns).count()));
        });
        beyondTheFormat.add(s.toString());
    }

    private void subnet(List<Pod> sgppPods) {
        Map<String, Long> cidrs = sgppPods.stream().flatMap(p -> PodEniSubnets.of(p).stream())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        out.open("subnet");
        if (cidrs.isEmpty()) {
            out.value("cidr", "198.18.0.0/24", "assumed: no pod has a pod-eni annotation with a subnetCidr");
            out.value("used-by-others", "0", "assumed");
            out.end().blank();
            return;
        }
        String cidr = cidrs.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long held = cidrs.get(cidr);
        out.value("cidr", cidr, "Pod annotation " + PodEniSubnets.KEY + " [].subnetCidr of " + held + " branch ENIs"
                + (cidrs.size() > 1 ? " (the most used; all: " + cidrs + ")" : ""));
        long usable = usable(cidr);
        Ec2Subnets.Answer ec2 = null;
        if (options.freeIps() == null && options.ec2() != null) {
            ec2 = options.ec2().describe(region(), cidrs.keySet());
        }
        if (options.freeIps() != null) {
            if (options.freeIps() > usable) {
                throw new ClusterException("--free-ips " + options.freeIps() + " is more than the " + usable
                        + " usable addresses of subnet " + cidr);
            }
            out.value("used-by-others", String.valueOf(usable - options.freeIps()), usable + " usable - "
                    + options.freeIps() + " free (--free-ips); includes the " + held + " addresses SGPP pods hold now");
        } else if (ec2 != null && ec2.freeByCidr().containsKey(cidr)) {
            int free = ec2.freeByCidr().get(cidr);
            out.value("used-by-others", String.valueOf(Math.max(0, usable - free)), usable + " usable - " + free
                    + " free (EC2 DescribeSubnets " + ec2.subnetIdByCidr().get(cidr) + " availableIpAddressCount); "
                    + "includes the " + held + " addresses SGPP pods hold now");
        } else {
            out.value("used-by-others", "0", "assumed: only the simulated pods take addresses; "
                    + (ec2 == null ? "EC2 not asked (--no-ec2)" : "EC2 could not tell: " + ec2.unavailable())
                    + "; pass --free-ips N");
        }
        out.value("allocation-policy", "random-free", "assumed: EC2 does not document which free address it assigns");
        out.end().blank();
        if (cidrs.size() > 1) {
            Map<String, Integer> free = ec2 == null ? Map.of() : ec2.freeByCidr();
            beyondTheFormat.add("Other subnets of branch ENIs (the format has one subnet): " + cidrs.keySet().stream()
                    .filter(c -> !c.equals(cidr)).map(c -> c + " " + cidrs.get(c) + " ENIs now"
                            + (free.containsKey(c) ? ", " + free.get(c) + " free (EC2)" : ""))
                    .collect(Collectors.joining("; ")));
        }
    }

    private void kernel(List<Pod> coredns) {
        out.comment("The nodes' neighbour sysctls are not visible through the Kubernetes API: Linux defaults.");
        out.open("kernel");
        int fewest = Integer.MAX_VALUE;
        for (String node : coredns.stream().map(p -> p.getSpec().getNodeName()).distinct().toList()) {
            int peers = (int) readings.pods().stream().filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null
                    && !Boolean.TRUE.equals(p.getSpec().getHostNetwork()) && !ChurnEstimate.isSgpp(p) && !finished(p)
                    && !node.equals(p.getSpec().getNodeName())).map(p -> p.getStatus().getPodIP()).distinct().count();
            fewest = Math.min(fewest, peers + readings.nodes().size() - 1);
        }
        if (fewest == Integer.MAX_VALUE) {
            out.value("other-arp-entries", "0", "assumed: no CoreDNS pod found");
        } else {
            out.value("other-arp-entries", String.valueOf(fewest), "estimate: on the CoreDNS node with the fewest, "
                    + "other nodes + pod IPs (status.podIP, not hostNetwork, not SGPP) on other nodes, all of which "
                    + "may query DNS");
        }
        out.value("gc-regime", "auto", REFERENCE + ": the kernel's rule (GC only at gc_thresh1 entries or more)");
        out.end().blank();
    }

    private void controller() {
        out.open("controller");
        if (readings.vpcCniConfigMap() == null) {
            out.value("branch-eni-cooldown", "60", "assumed: ConfigMap kube-system/amazon-vpc-cni not found; the "
                    + "controller's default");
        } else {
            Map<String, String> data = readings.vpcCniConfigMap().getData();
            String value = data == null ? null : data.get(Cooldown.CONFIG_MAP_KEY);
            VpcCniConfigMap.Setting setting = VpcCniConfigMap.interpret(value);
            out.value("branch-eni-cooldown", value == null ? "60" : ScenarioText.quoted(value), value == null
                    ? "ConfigMap kube-system/amazon-vpc-cni has no data." + Cooldown.CONFIG_MAP_KEY + ": the controller's "
                            + "default" : "ConfigMap kube-system/amazon-vpc-cni data." + Cooldown.CONFIG_MAP_KEY
                            + " (the controller uses " + setting.effectiveSeconds() + " s)");
        }
        out.value("eni-create-latency", "lognormal(1.5, 0.3)", "assumed (" + REFERENCE
                + "): EC2 call times are not visible");
        out.end().blank();
    }

    private void dns(List<Pod> sgppPods) {
        DnsSettings settings = DnsSettings.of(sgppPods);
        out.comment(settings.origin());
        out.open("dns");
        settings.write(out);
        out.value("cluster-domain", "cluster.local", "assumed: the kubelet's clusterDomain is not in the API");
        out.value("cluster-namespaces", ScenarioText.flow(readings.namespaces().stream().map(n -> n.getMetadata().getName())
                .sorted().toList()), "Namespaces (metadata.name)");
        out.value("name", "kubernetes.default", "assumed: which name the pods look up is not visible");
        DaemonSet nodeLocal = readings.kubeSystemDaemonSets().stream().filter(ClusterDescriber::isNodeLocalDns).findFirst()
                .orElse(null);
        nodeLocalCache(nodeLocal);
        out.end().blank();
        if (!settings.notes().isEmpty()) {
            beyondTheFormat.add("DNS of the SGPP pods beyond the format:\n" + String.join("\n", settings.notes()));
        }
        cni(nodeLocal != null);
        policies();
    }

    /**
     * dns.node-local-cache: on when the NodeLocal DNSCache DaemonSet has a ready pod (the kubelet's
     * clusterDNS then points at its link-local address; the API does not show the kubelet's flag,
     * so the DaemonSet running is taken to mean it is in use).
     */
    private void nodeLocalCache(DaemonSet nodeLocal) {
        if (nodeLocal == null) {
            out.value("node-local-cache", ScenarioText.quoted("off"), "no DaemonSet in kube-system named node-local-dns "
                    + "or labelled k8s-app=node-local-dns");
            return;
        }
        String where = "DaemonSet kube-system/" + nodeLocal.getMetadata().getName();
        Integer ready = nodeLocal.getStatus() == null ? null : nodeLocal.getStatus().getNumberReady();
        Integer desired = nodeLocal.getStatus() == null ? null : nodeLocal.getStatus().getDesiredNumberScheduled();
        if (ready != null && ready == 0) {
            out.value("node-local-cache", ScenarioText.quoted("off"), where + " status.numberReady 0 of " + desired
                    + ": no cache answers");
            return;
        }
        out.value("node-local-cache", ScenarioText.quoted("on"), where + " status.numberReady "
                + (ready == null ? "not reported" : ready + " of " + desired) + " nodes (assumed: the kubelets' "
                + "clusterDNS points at it; their flags are not in the API)");
        out.value("node-local-cache-upstream", "tcp", "assumed: the manifest's force_tcp (its ConfigMap is not read)");
    }

    /** The cni section: what decides whether a branch-ENI pod reaches a cache on its own node. */
    private void cni(boolean nodeLocalCache) {
        AwsNodeEnv.Sourced mode = AwsNodeEnv.enforcingMode(readings.kubeSystemDaemonSets());
        out.comment("The VPC CNI (aws-node)." + (nodeLocalCache && mode.value().equals("strict") ? " Under strict "
                + "mode the SGPP pods' packets leave through their branch ENI,\nso they cannot reach the node-local "
                + "cache (docs/mitigations.md)." : ""));
        out.open("cni");
        out.value("pod-security-group-enforcing-mode", mode.value(), mode.source());
        out.end().blank();
    }

    private void policies() {
        if (readings.securityGroupPolicies() == null) {
            beyondTheFormat.add("SecurityGroupPolicies: the CRD " + SgppSupport.CRD_NAME + " is not installed.");
            return;
        }
        StringBuilder s = new StringBuilder("SecurityGroupPolicies (" + SgppSupport.GROUP + "/" + SgppSupport.VERSION + "): "
                + readings.securityGroupPolicies().size());
        readings.securityGroupPolicies().forEach(p -> s.append("\n  ").append(p.getMetadata().getNamespace()).append('/')
                .append(p.getMetadata().getName()).append(": ").append(Objects.toString(p.getAdditionalProperties()
                        .get("spec"), "no spec")));
        beyondTheFormat.add(s.toString());
    }

    private void workload(List<Pod> sgppPods) {
        List<ChurnEstimate.OwnerChurn> churn = ChurnEstimate.estimate(readings, options.now(), options.window());
        new WorkloadsSection(readings, options.now(), options.window(), DnsSettings.of(sgppPods)).write(out, churn);
        beyondTheFormat.add(churnSection(churn));
    }

    private String churnSection(List<ChurnEstimate.OwnerChurn> churn) {
        StringBuilder s = new StringBuilder("Churn per owner over " + Times.human(options.window()) + " (the SGPP owners are "
                + "the workloads above).\nThe API cannot list deleted pods: existing pods' creationTimestamp is a "
                + "lower bound; Jobs'\nstatus counts their pods while the Job is kept; SuccessfulCreate events cover "
                + "about the last hour\n(kube-apiserver --event-ttl) and are scaled to the window: an estimate.");
        churn.stream().sorted(Comparator.comparingDouble(ChurnEstimate.OwnerChurn::estimate).reversed()).forEach(c ->
                s.append(String.format(java.util.Locale.ROOT, "%n  %s%s: %s pods (%s); %d now, %d created in the window "
                        + "still exist, %d from Job status, %d SuccessfulCreate events", c.owner().label(),
                        c.sgpp() ? " [SGPP]" : "", ScenarioText.number(Math.round(c.estimate() * 10) / 10.0), c.basis(),
                        c.podsNow(), c.createdStillExisting(), c.jobPods(), c.eventCreates())));
        return s.toString();
    }

    private String region() {
        return readings.nodes().stream().map(n -> Ec2Subnets.regionOf(n.getMetadata().getLabels(),
                n.getSpec() == null ? null : n.getSpec().getProviderID())).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The --window syntax: "24h", "90m", "2d", "3600s"; null when malformed or not positive. */
    public static Duration window(String text) {
        return Times.window(text);
    }

    static long usable(String cidr) {
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        return Math.max(0, (1L << (32 - prefix)) - 5); // EC2 reserves 5 addresses per subnet
    }

    static boolean trunkReady(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return SgppSupport.podEniCapacity(node) > 0 || (labels != null && "true".equals(labels.get(TRUNK_LABEL)));
    }

    static String instanceType(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        String type = labels == null ? null : labels.getOrDefault(INSTANCE_TYPE, labels.get("beta.kubernetes.io/instance-type"));
        return type == null ? "unknown" : type;
    }

    static boolean isCoreDns(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return "kube-system".equals(pod.getMetadata().getNamespace()) && labels != null
                && "kube-dns".equals(labels.get("k8s-app")) && !finished(pod);
    }

    static boolean isNodeLocalDns(DaemonSet daemonSet) {
        return isKubeSystemApp(daemonSet, "node-local-dns");
    }

    /** A kube-system add-on's DaemonSet: named {@code app}, or labelled k8s-app={@code app} (a renamed copy). */
    static boolean isKubeSystemApp(DaemonSet daemonSet, String app) {
        Map<String, String> labels = daemonSet.getMetadata().getLabels();
        return app.equals(daemonSet.getMetadata().getName()) || (labels != null && app.equals(labels.get("k8s-app")));
    }

    static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
