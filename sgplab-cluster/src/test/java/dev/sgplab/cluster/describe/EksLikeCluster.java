package dev.sgplab.cluster.describe;

import dev.sgplab.cluster.SgppSupport;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetListBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import dev.sgplab.cluster.FaultyApiServer;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Map;

/**
 * An EKS-like cluster in fabric8's mock API server, for `cluster describe`. What describe should
 * make of it (each number traced from the objects below):
 * <ul>
 * <li>nodes: three with a trunk ENI (two m5.large advertising 9 branch ENIs, one m5.xlarge with 18),
 * one t3.medium without (not trunk-capable) that runs a CoreDNS replica: 4 scenario nodes, CoreDNS on
 * [0, 3] (ip-10-0-1-10 sorts first; the t3 node is appended);</li>
 * <li>subnet 10.0.64.0/22: 3 api pods + 2 nightly pods hold a branch ENI there, 1 debug pod in
 * 10.0.68.0/24; 1024 - 5 = 1019 usable;</li>
 * <li>cooldown "45" in kube-system/amazon-vpc-cni;</li>
 * <li>DNS: the 3 api pods (the most common set-up) set ndots:2 and attempts:3 in namespace payments;</li>
 * <li>churn over 24 h: Deployment payments/api 6 SuccessfulCreate events, the oldest event 60 min
 * old, so 6 x 24 = 144; CronJob batch/nightly's Job started 3 h ago with 40 succeeded + 2 failed =
 * 42; one bare debug pod created 10 min ago = 1 (the plain bare pod created 5 min ago is churn,
 * but not SGPP churn);</li>
 * <li>workloads: CronJob nightly ("0 * * * *", Job template defaults), Deployment api (3 replicas,
 * maxSurge 1, maxUnavailable 0, one rollout: two ReplicaSets in the window, 20 h and 2 h old, one of them
 * its creation's), the bare debug pod as steady churn of one a day;</li>
 * <li>api's pods replaced outside rollouts: its 6 SuccessfulCreate events of the last hour came with no new
 * ReplicaSet (the newest is 2 h old), so 144 - 3 x (1 rollout + its creation) = 138 pods a day that
 * rollouts do not explain: pod-replacement-interval exponential(86400 / 138 = 626.1);</li>
 * <li>run-time: the two finished nightly pods ran 12 s and 14 s: median 13.</li>
 * </ul>
 */
public final class EksLikeCluster {
    public static final String SUBNET = "10.0.64.0/22";
    public static final String REGION = "us-west-2";

    private final KubernetesClient client;
    private final Instant now;
    private final List<Pod> pods = new ArrayList<>();
    private final List<ReplicaSet> replicaSets = new ArrayList<>();

    private EksLikeCluster(KubernetesClient client, Instant now) {
        this.client = client;
        this.now = now;
    }

    /**
     * Loads the objects, times relative to now. The pods and ReplicaSets are served by expectations on
     * the lists describe asks for (GET /api/v1/pods, /apis/apps/v1/replicasets), since CRUD mode stamps
     * creationTimestamp itself; what {@link #add} adds later is served too.
     */
    public static EksLikeCluster load(FaultyApiServer api, Instant now) {
        EksLikeCluster cluster = new EksLikeCluster(api.client(), now);
        cluster.load();
        api.server().expect().get().withPath("/api/v1/pods").andReply(200, request -> new PodListBuilder()
                .withNewMetadata().withResourceVersion("1").endMetadata().withItems(cluster.pods).build()).always();
        api.server().expect().get().withPath("/apis/apps/v1/replicasets").andReply(200, request ->
                new ReplicaSetListBuilder().withMetadata(new io.fabric8.kubernetes.api.model.ListMetaBuilder().withResourceVersion("1").build())
                        .withItems(cluster.replicaSets).build()).always();
        return cluster;
    }

    /**
     * A Deployment whose churn is all rollouts, in namespace payments: {@code replicas} SGPP pods of a
     * ReplicaSet made by a rollout {@code minutesAgo} minutes ago (within the hour the events cover),
     * one SuccessfulCreate event per pod then, and its creation's ReplicaSet 20 h ago.
     */
    public void addRolledOutDeployment(String name, int replicas, int minutesAgo) {
        create(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withNamespace("payments")
                .withName(name).endMetadata().withNewSpec().withReplicas(replicas).endSpec().build());
        replicaSet("payments", name + "-0", name, ago(72_000));
        replicaSet("payments", name + "-1", name, ago(minutesAgo * 60L));
        for (int i = 0; i < replicas; i++) {
            String ip = "10.0.65." + (10 + i);
            create(sgpp(pod("payments", name + "-1-" + i, "ip-10-0-1-11", ip, ago(minutesAgo * 60L),
                    owner("ReplicaSet", name + "-1")), ip, SUBNET).build());
            event("payments", name + "-create-" + i, "ReplicaSet", name + "-1", "SuccessfulCreate",
                    ago(minutesAgo * 60L));
        }
    }

    private void load() {
        for (String ns : new String[] {"default", "kube-system", "payments", "batch"}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        node("ip-10-0-1-10", "m5.large", 9, true);
        node("ip-10-0-1-11", "m5.large", 9, true);
        node("ip-10-0-2-20", "m5.xlarge", 18, true);
        node("ip-10-0-3-30", "t3.medium", 0, false);
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withNamespace("kube-system").withName("amazon-vpc-cni").endMetadata()
                .addToData("branch-eni-cooldown", "45").build()).create();

        OwnerReference corednsRs = owner("ReplicaSet", "coredns-5d8");
        replicaSet("kube-system", "coredns-5d8", "coredns", ago(86_400 * 10));
        create(pod("kube-system", "coredns-5d8-a", "ip-10-0-1-10", "10.0.1.50", ago(86_400 * 10), corednsRs)
                .editMetadata().addToLabels("k8s-app", "kube-dns").endMetadata().build());
        create(pod("kube-system", "coredns-5d8-b", "ip-10-0-3-30", "10.0.3.51", ago(86_400 * 10), corednsRs)
                .editMetadata().addToLabels("k8s-app", "kube-dns").endMetadata().build());
        create(new DaemonSetBuilder().withNewMetadata().withNamespace("kube-system").withName("node-local-dns")
                .addToLabels("k8s-app", "node-local-dns").endMetadata()
                .withNewStatus().withNumberReady(4).withDesiredNumberScheduled(4).endStatus().build());
        // the VPC CNI with security groups for pods on, POD_SECURITY_GROUP_ENFORCING_MODE unset (strict)
        create(new DaemonSetBuilder().withNewMetadata().withNamespace("kube-system").withName("aws-node")
                .addToLabels("k8s-app", "aws-node").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("aws-node")
                .addNewEnv().withName("ENABLE_POD_ENI").withValue("true").endEnv()
                .addNewEnv().withName("AWS_VPC_K8S_CNI_EXTERNALSNAT").withValue("false").endEnv()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withNumberReady(4).withDesiredNumberScheduled(4).endStatus().build());

        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(SgppSupport.CRD_NAME).endMetadata()
                .withNewSpec().withGroup(SgppSupport.GROUP).withScope("Namespaced")
                .withNewNames().withKind("SecurityGroupPolicy").withPlural("securitygrouppolicies")
                .withSingular("securitygrouppolicy").endNames()
                .addNewVersion().withName(SgppSupport.VERSION).withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
        client.genericKubernetesResources(SgppSupport.GROUP + "/" + SgppSupport.VERSION, "SecurityGroupPolicy")
                .inNamespace("payments").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion(SgppSupport.GROUP + "/" + SgppSupport.VERSION).withKind("SecurityGroupPolicy")
                        .withNewMetadata().withNamespace("payments").withName("api-sgp").endMetadata()
                        .addToAdditionalProperties("spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "api")),
                                "securityGroups", Map.of("groupIds", java.util.List.of("sg-0123456789abcdef0"))))
                        .build()).create();

        // Deployment payments/api: 3 replicas, maxSurge 1, maxUnavailable 0 (the mock stamps its creationTimestamp
        // now: created in the window); two ReplicaSets, its creation's 20 h ago and one rollout 2 h ago
        create(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withNamespace("payments")
                .withName("api").endMetadata().withNewSpec().withReplicas(3).withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString(1))
                .withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(0)).endRollingUpdate().endStrategy()
                .endSpec().build());
        replicaSet("payments", "api-6c4", "api", ago(72_000));
        // its 3 SGPP pods with ndots:2 attempts:3; 6 pods created in the last 30 min, with no new ReplicaSet
        replicaSet("payments", "api-7d9", "api", ago(7_200));
        String[] apiNodes = {"ip-10-0-1-10", "ip-10-0-1-11", "ip-10-0-2-20"};
        for (int i = 0; i < 3; i++) {
            create(sgpp(pod("payments", "api-7d9-" + i, apiNodes[i], "10.0.64." + (10 + i), ago(300 * (i + 1)),
                    owner("ReplicaSet", "api-7d9")), "10.0.64." + (10 + i), SUBNET)
                    .editSpec().withNewDnsConfig().addNewOption("ndots", "2").addNewOption("attempts", "3").endDnsConfig()
                    .endSpec().build());
        }
        for (int i = 0; i < 6; i++) {
            event("payments", "create-" + i, "ReplicaSet", "api-7d9", "SuccessfulCreate", ago(300 * (i + 1)));
        }
        event("default", "old", "Node", "ip-10-0-1-10", "NodeReady", ago(3_600));

        // CronJob batch/nightly: its Job ran 3 h ago (40 succeeded, 2 failed); two finished pods are left
        create(new CronJobBuilder().withNewMetadata().withNamespace("batch").withName("nightly").endMetadata()
                .withNewSpec().withSchedule("0 * * * *").withNewJobTemplate().endJobTemplate().endSpec().build());
        create(new JobBuilder().withNewMetadata().withNamespace("batch").withName("nightly-001")
                .withOwnerReferences(owner("CronJob", "nightly")).endMetadata()
                .withNewStatus().withStartTime(ago(10_800)).withSucceeded(40).withFailed(2).endStatus().build());
        int[] runSeconds = {12, 14};
        for (int i = 0; i < 2; i++) {
            Instant started = now.minusSeconds(10_700);
            create(sgpp(pod("batch", "nightly-001-" + i, "ip-10-0-2-20", "10.0.64." + (40 + i), ago(10_750),
                    owner("Job", "nightly-001")), "10.0.64." + (40 + i), SUBNET)
                    .editStatus().withPhase("Succeeded").withContainerStatuses(new ContainerStatusBuilder().withName("main")
                            .withNewState().withNewTerminated().withExitCode(0).withStartedAt(started.toString())
                            .withFinishedAt(started.plusSeconds(runSeconds[i]).toString()).endTerminated().endState()
                            .build()).endStatus().build());
        }

        // a bare SGPP pod in another subnet, and plain pods
        create(sgpp(pod("default", "debug", "ip-10-0-1-11", "10.0.68.7", ago(600), null), "10.0.68.7", "10.0.68.0/24")
                .build());
        for (int i = 0; i < 4; i++) {
            create(pod("default", "web-" + i, apiNodes[i % 3], "10.0.1." + (100 + i), ago(86_400 * 3), null).build());
        }
        // a new plain bare pod: churn, but not SGPP churn, so not in the workload
        create(pod("default", "curl", "ip-10-0-1-11", "10.0.1.120", ago(300), null).build());
    }

    private void node(String name, String type, int branchEnis, boolean trunk) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node.kubernetes.io/instance-type", type)
                .addToLabels("topology.kubernetes.io/region", REGION).endMetadata()
                .withNewSpec().withProviderID("aws:///" + REGION + "a/i-0" + name.hashCode()).endSpec()
                .withNewStatus().addToAllocatable("cpu", new Quantity("2")).endStatus();
        if (trunk) {
            node.editMetadata().addToLabels("vpc.amazonaws.com/has-trunk-attached", "true").endMetadata()
                    .editStatus().addToAllocatable(SgppSupport.POD_ENI_RESOURCE, new Quantity(String.valueOf(branchEnis)))
                    .endStatus();
        }
        create(node.build());
    }

    private PodBuilder pod(String ns, String name, String node, String ip, String created, OwnerReference owner) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withCreationTimestamp(created)
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("main")
                .withImage("public.ecr.aws/docker/library/debian:bookworm-slim").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus();
        if (owner != null) {
            pod.editMetadata().withOwnerReferences(owner).endMetadata();
        }
        return pod;
    }

    private static PodBuilder sgpp(PodBuilder pod, String ip, String subnet) {
        return pod.editMetadata().addToAnnotations("vpc.amazonaws.com/pod-eni", "[{\"eniId\":\"eni-0" + ip.hashCode()
                + "\",\"ifAddress\":\"02:aa:bb:cc:dd:" + String.format("%02x", Math.abs(ip.hashCode()) % 256)
                + "\",\"privateIp\":\"" + ip + "\",\"vlanId\":1,\"subnetCidr\":\"" + subnet + "\"}]")
                .addToLabels("app", "api").endMetadata();
    }

    private void replicaSet(String ns, String name, String deployment, String created) {
        replicaSets.add(new ReplicaSetBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withCreationTimestamp(created).withOwnerReferences(owner("Deployment", deployment)).endMetadata().build());
    }

    private void event(String ns, String name, String kind, String object, String reason, String at) {
        create(new EventBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().withReason(reason)
                .withNewInvolvedObject().withKind(kind).withNamespace(ns).withName(object).endInvolvedObject()
                .withLastTimestamp(at).withCount(1).build());
    }

    private static OwnerReference owner(String kind, String name) {
        return new OwnerReferenceBuilder().withKind(kind).withName(name).withController(true)
                .withApiVersion(kind.equals("ReplicaSet") || kind.equals("Deployment") ? "apps/v1" : "batch/v1")
                .withUid(kind + "-" + name).build();
    }

    private String ago(long seconds) {
        return now.minusSeconds(seconds).toString();
    }

    private void create(HasMetadata object) {
        if (object instanceof Pod pod) {
            pods.add(pod);
        } else {
            client.resource(object).create();
        }
    }
}
