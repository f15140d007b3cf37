package dev.sgplab.cluster.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.FaultyApiServer;
import dev.sgplab.cluster.Retries;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * describe against fabric8's mock API server loaded with {@link EksLikeCluster} (whose header
 * traces every expected number): each value and the source its comment names, EC2 through a local
 * Query API server, refused reads, and that nothing but GETs reached the API server.
 */
class ClusterDescriberTest {
    private static final StaticCredentialsProvider FAKE_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    private FaultyApiServer api;
    private EksLikeCluster cluster;
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void load() {
        api = new FaultyApiServer();
        cluster = EksLikeCluster.load(api, now);
        api.forgetRequests();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String describe(Integer freeIps, Ec2Subnets ec2) {
        ClusterReadings readings = ClusterReadings.read(api.client(), Retries.standard(), progress::add);
        return ClusterDescriber.describe(readings, new ClusterDescriber.Options(Duration.ofHours(24), now, freeIps, ec2,
                "cluster mock"));
    }

    @Test
    void everyValueNamesItsSourceAndTheScenarioLoads() {
        String text = describe(900, null);
        assertThat(text).contains(
                "  nodes: 4  # 3 nodes with a trunk ENI (Node label vpc.amazonaws.com/has-trunk-attached or "
                        + "status.allocatable.vpc.amazonaws.com/pod-eni) + 1 without one that run CoreDNS",
                "  instance-type: m5.large  # Node label node.kubernetes.io/instance-type of 2 of them; mixed types: "
                        + "{m5.large=2, m5.xlarge=1}",
                "  branch-interface-limit: 9  # Node status.allocatable.vpc.amazonaws.com/pod-eni of the m5.large nodes",
                "    replicas: 2  # Pods kube-system, label k8s-app=kube-dns, scheduled",
                "    nodes: [0, 3]  # their spec.nodeName: ip-10-0-1-10, ip-10-0-3-30",
                "  cidr: 10.0.64.0/22  # Pod annotation vpc.amazonaws.com/pod-eni [].subnetCidr of 5 branch ENIs",
                "  used-by-others: 119  # 1019 usable - 900 free (--free-ips)",
                "  branch-eni-cooldown: \"45\"  # ConfigMap kube-system/amazon-vpc-cni data.branch-eni-cooldown",
                "  attempts: 3  # Pod spec.dnsConfig.options attempts",
                "  ndots: 2  # Pod spec.dnsConfig.options ndots",
                "  timeout: 5  # the resolver's default",
                "  search: [\"payments.svc.cluster.local\", \"svc.cluster.local\", \"cluster.local\"]  # the kubelet's list "
                        + "for dnsPolicy ClusterFirst in namespace payments",
                "  cluster-namespaces: [\"batch\", \"default\", \"kube-system\", \"payments\"]  # Namespaces",
                "workloads:\n  - name: nightly  # CronJob batch/nightly\n    kind: cronjob",
                "    schedule: \"0 * * * *\"  # CronJob batch/nightly spec.schedule",
                "    backoff-limit: 6  # Kubernetes' default (backoffLimit unset)",
                "    run-time: fixed(13)  # median of 2 finished pods' containers",
                "      search: [\"batch.svc.cluster.local\", \"svc.cluster.local\", \"cluster.local\"]",
                "  - name: api  # Deployment payments/api\n    kind: deployment",
                "    replicas: 3  # Deployment payments/api spec.replicas",
                "    max-surge: 1  # Deployment payments/api spec.strategy.rollingUpdate.maxSurge",
                "    max-unavailable: 0  # Deployment payments/api spec.strategy.rollingUpdate.maxUnavailable",
                "    rollout-interval: exponential(86400)  # 1 rollouts in 24 h (its ReplicaSets' creationTimestamp, less "
                        + "the Deployment's own creation)",
                "  - name: bare-default  # bare SGPP pods in default\n    kind: steady",
                "    arrival-interval: exponential(86400)  # the window / 1 pods (churn section)",
                "    restart-policy: Always  # Pod spec.restartPolicy Always",
                "#   Deployment payments/api [SGPP]: 144 pods (extrapolated: 6 SuccessfulCreate events in the 1 h",
                "#   CronJob batch/nightly [SGPP]: 42 pods (Job status",
                "#   bare SGPP pods in default [SGPP]: 1 pods",
                "#   bare pods in default: 1 pods (1 existing pods created in the window",
                "  node-local-cache: \"on\"  # DaemonSet kube-system/node-local-dns status.numberReady 4 of 4 nodes",
                "#   payments/api-sgp: ",
                "# Other subnets of branch ENIs (the format has one subnet): 10.0.68.0/24 1 ENIs now");
        // every value line carries a comment
        text.lines().filter(l -> l.matches("\\s*(- )?[a-z-_]+: .*")).forEach(l -> assertThat(l).contains("  # "));
        Scenario scenario = ScenarioTree.parse(text, "described").bind();
        assertThat(scenario.cluster().nodes()).isEqualTo(4);
        assertThat(scenario.workloadSpecs()).extracting(w -> w.pods().workload() + " " + w.kind())
                .containsExactly("nightly cronjob", "api deployment", "bare-default steady");
        assertThat(scenario.workloadSpecs().get(1).pods().resolver().ndots()).as("the scenario's dns").isEqualTo(2);
        assertThat(scenario.workloadSpecs().get(0).pods().resolver().ndots()).as("its own dns").isEqualTo(5);
        assertThat(api.writes()).as("describe only reads").isEmpty();
        assertThat(api.requests()).isNotEmpty().allMatch(r -> r.startsWith("GET "));
    }

    /** Every request describe makes is granted by deploy/k8s/describe-rbac.yaml, which grants no write. */
    @Test
    void theShippedRbacGrantsExactlyTheReads() throws Exception {
        describe(900, null);
        JsonNode rbac = new YAMLMapper().readTree(Files.readString(Path.of("..", ClusterReadings.RBAC_FILE)));
        Set<String> granted = new HashSet<>();
        for (JsonNode rule : rbac.get("rules")) {
            for (JsonNode group : rule.get("apiGroups")) {
                for (JsonNode resource : rule.get("resources")) {
                    for (JsonNode verb : rule.get("verbs")) {
                        assertThat(verb.asString()).isIn("get", "list", "watch");
                        List<String> names = new ArrayList<>();
                        rule.path("resourceNames").forEach(n -> names.add(n.asString()));
                        (names.isEmpty() ? List.of("*") : names).forEach(name -> granted.add(verb.asString() + " "
                                + group.asString() + "/" + resource.asString() + " " + name));
                    }
                }
            }
        }
        Set<String> needed = new HashSet<>();
        for (String request : api.requests()) {
            needed.add(permission(request));
        }
        assertThat(needed).hasSizeGreaterThanOrEqualTo(10);
        for (String permission : needed) {
            String anyName = permission.substring(0, permission.lastIndexOf(' ')) + " *";
            assertThat(granted.contains(permission) || granted.contains(anyName)).as(permission).isTrue();
        }
    }

    /** "GET /apis/apps/v1/namespaces/kube-system/daemonsets?x" -> "list apps/daemonsets *"; a named GET is "get". */
    private static String permission(String request) {
        String path = request.substring(4).replaceAll("\\?.*", "");
        String[] parts = path.substring(1).split("/");
        int i = parts[0].equals("api") ? 2 : 3;
        String group = parts[0].equals("api") ? "" : parts[1];
        if (parts.length > i + 1 && parts[i].equals("namespaces") && parts.length > i + 2) {
            i += 2;
        }
        String resource = parts[i];
        String name = parts.length > i + 1 ? parts[i + 1] : null;
        return (name == null ? (request.contains("watch=true") ? "watch" : "list") : "get") + " " + group + "/" + resource
                + " " + (name == null ? "*" : name);
    }

    @Test
    void freeAddressesComeFromEc2DescribeSubnets() throws Exception {
        try (Ec2QueryServer ec2 = new Ec2QueryServer(200, Ec2QueryServer.subnets("subnet-0aa", EksLikeCluster.SUBNET, 950,
                "subnet-0bb", "10.0.68.0/24", 200))) {
            String text = describe(null, new Ec2Subnets(FAKE_KEYS, ec2.endpoint()));
            assertThat(text).contains("  used-by-others: 69  # 1019 usable - 950 free (EC2 DescribeSubnets subnet-0aa "
                    + "availableIpAddressCount)", "10.0.68.0/24 1 ENIs now, 200 free (EC2)");
            assertThat(ec2.requests()).hasSize(1);
            assertThat(ec2.requests().get(0)).contains("Action=DescribeSubnets", "Filter.1.Name=cidr-block",
                    "=10.0.64.0/22", "=10.0.68.0/24");
        }
    }

    @Test
    void refusedOrMissingEc2IsAnAssumptionThatSaysWhy() throws Exception {
        try (Ec2QueryServer ec2 = new Ec2QueryServer(403, Ec2QueryServer.error("UnauthorizedOperation"))) {
            String text = describe(null, new Ec2Subnets(FAKE_KEYS, ec2.endpoint()));
            assertThat(text).contains("  used-by-others: 0  # assumed: only the simulated pods take addresses; EC2 could "
                    + "not tell: EC2 refused DescribeSubnets in us-west-2 (UnauthorizedOperation); pass --free-ips N");
        }
        assertThat(describe(null, null)).contains("  used-by-others: 0  # assumed: only the simulated pods take "
                + "addresses; EC2 not asked (--no-ec2); pass --free-ips N");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/apis/batch/v1/jobs                          | jobs.batch (all namespaces)",
            "/apis/apps/v1/namespaces/kube-system/daemonsets | daemonsets.apps in kube-system"})
    void aRefusedReadNamesItsVerbAndResource(String path, String resource) {
        api.fail("GET", path, 403, 1);
        assertThatThrownBy(() -> describe(900, null)).isInstanceOfSatisfying(ClusterException.class, e -> {
            assertThat(e.kind()).isEqualTo(ClusterException.Kind.INPUT);
            assertThat(e.getMessage()).isEqualTo("cannot list " + resource + ": forbidden (403): injected 403 "
                    + "(describe needs the read-only RBAC in deploy/k8s/describe-rbac.yaml)");
        });
    }

    /**
     * payments/api (EksLikeCluster's header): 6 SuccessfulCreate events in the last hour and no ReplicaSet
     * newer than 2 h: 6 x 24 = 144 a day, of which 3 x (1 rollout + its creation) = 6 are the rollouts', so a
     * pod is replaced every 86400 / 138 = 626.1 s; the scenario runs it.
     */
    @Test
    void aDeploymentWhosePodsChurnWithoutNewReplicaSetsGetsAReplacementInterval() {
        String text = describe(900, null);
        assertThat(text).contains("    pod-replacement-interval: exponential(626.1)  # 144 pod starts in 24 h (churn "
                + "section: extrapolated: 6 SuccessfulCreate events in the 1 h the events cover, scaled to the window) - 3 "
                + "replicas x 2 (1 rollout + its creation) = 138 not explained by rollouts (evictions, drains, deletes); "
                + "6 of the 6 pods counted came with no new ReplicaSet in the 1 h the events cover; as a Poisson process");
        var api = (dev.sgplab.model.workload.WorkloadSpec.Deployment) ScenarioTree.parse(text, "described").bind()
                .workloadSpecs().stream().filter(w -> w.pods().workload().equals("api")).findFirst().orElseThrow();
        assertThat(api.podReplacementInterval().mean()).isEqualTo(626.1);
    }

    /**
     * payments/web's 2 pods came with its rollout 10 minutes ago: extrapolated, its 2 events make 2 x 24 = 48
     * pods a day, more than the 2 x 2 its rollout and creation explain, but both events belong to the ReplicaSet
     * made within the hour the events cover: no replacement.
     */
    @Test
    void aDeploymentWhoseChurnIsAllRolloutsGetsNone() {
        cluster.addRolledOutDeployment("web", 2, 10);
        String text = describe(900, null);
        String web = text.substring(text.indexOf("  - name: web  # Deployment payments/web"));
        web = web.substring(0, web.indexOf("  - name:", 5));
        assertThat(web).doesNotContainPattern("(?m)^ *pod-replacement-interval:").contains(
                "    # no pod-replacement-interval: 48 pod starts in 24 h",
                "0 of the 2 pods counted came with no new ReplicaSet in the 1 h the events cover");
        var deployment = (dev.sgplab.model.workload.WorkloadSpec.Deployment) ScenarioTree.parse(text, "described")
                .bind().workloadSpecs().stream().filter(w -> w.pods().workload().equals("web")).findFirst().orElseThrow();
        assertThat(deployment.podReplacementInterval()).isNull();
    }

    @Test
    void theNodeLocalCacheAndTheEnforcingModeComeFromTheDaemonSets() {
        String text = describe(900, null);
        assertThat(text).contains("  node-local-cache: \"on\"  # DaemonSet kube-system/node-local-dns status.numberReady "
                + "4 of 4 nodes", "  pod-security-group-enforcing-mode: strict  # DaemonSet kube-system/aws-node "
                + "container aws-node env POD_SECURITY_GROUP_ENFORCING_MODE unset: the VPC CNI's default",
                "# The VPC CNI (aws-node). Under strict mode the SGPP pods' packets leave through their branch ENI");
        Scenario strict = ScenarioTree.parse(text, "described").bind();
        assertThat(strict.dns().nodeLocalCacheConfig().enabled()).isTrue();
        assertThat(strict.cni().enforcingMode()).isEqualTo(dev.sgplab.model.cni.PodSgEnforcingMode.STRICT);

        var daemonSets = api.client().apps().daemonSets().inNamespace("kube-system");
        var awsNode = daemonSets.withName("aws-node").get();
        awsNode.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new io.fabric8.kubernetes.api.model.EnvVar("POD_SECURITY_GROUP_ENFORCING_MODE", "standard", null));
        daemonSets.resource(awsNode).update();
        daemonSets.withName("node-local-dns").delete();
        String standardText = describe(900, null);
        assertThat(standardText).contains("  pod-security-group-enforcing-mode: standard  # DaemonSet "
                + "kube-system/aws-node container aws-node env POD_SECURITY_GROUP_ENFORCING_MODE",
                "  node-local-cache: \"off\"  # no DaemonSet in kube-system named node-local-dns")
                .doesNotContain("Under strict mode");
        Scenario standard = ScenarioTree.parse(standardText, "described").bind();
        assertThat(standard.dns().nodeLocalCacheConfig().enabled()).isFalse();
        assertThat(standard.cni().enforcingMode()).isEqualTo(dev.sgplab.model.cni.PodSgEnforcingMode.STANDARD);
    }

    @Test
    void withoutTheCrdThereAreNoPoliciesAndNoFailure() {
        api.fail("GET", "securitygrouppolicies", 404, 1);
        assertThat(describe(900, null)).contains("# SecurityGroupPolicies: the CRD securitygrouppolicies."
                + "vpcresources.k8s.aws is not installed.");
    }

    @Test
    void aClusterWithoutTrunkNodesHasNothingToSimulate() {
        api.client().nodes().list().getItems().forEach(n -> api.client().nodes().resource(new NodeBuilder(n)
                .editMetadata().removeFromLabels("vpc.amazonaws.com/has-trunk-attached").endMetadata()
                .editStatus().removeFromAllocatable("vpc.amazonaws.com/pod-eni").endStatus().build()).update());
        assertThatThrownBy(() -> describe(900, null)).isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("no node of 4 has a trunk ENI");
    }

    @Test
    void freeIpsBeyondTheSubnetIsBadInput() {
        assertThatThrownBy(() -> describe(5000, null)).isInstanceOfSatisfying(ClusterException.class,
                e -> assertThat(e.kind()).isEqualTo(ClusterException.Kind.INPUT))
                .hasMessage("--free-ips 5000 is more than the 1019 usable addresses of subnet 10.0.64.0/22");
    }
}
