package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.sgplab.model.controller.InstanceLimits;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.scenario.ScenarioLoader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** deploy/terraform and deploy/k8s, parsed and checked for what the report's test needs. */
class DeploymentTest {
    private static final Path TERRAFORM = Path.of("..", "deploy", "terraform");
    private static final Path K8S = Path.of("..", "deploy", "k8s");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> terraform() throws Exception {
        Map<String, Object> all = new HashMap<>();
        for (String file : List.of("versions.tf", "variables.tf", "main.tf", "outputs.tf")) {
            Map<String, Object> parsed = new HCLParser().parse(TERRAFORM.resolve(file).toFile(), "UTF-8");
            parsed.forEach((block, content) -> {
                if (content instanceof Map<?, ?> map && all.get(block) instanceof Map<?, ?> existing) {
                    ((Map<String, Object>) existing).putAll((Map<String, Object>) map);
                } else {
                    all.put(block, content);
                }
            });
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePodSubnetsAreSmallSoThatIpsAreReused() throws Exception {
        List<String> cidrs = (List<String>) map(terraform(), "variable", "pod_subnet_cidrs").get("default");
        assertThat(cidrs).isNotEmpty();
        for (String cidr : cidrs) {
            Cidr block = Cidr.parse(cidr);
            assertThat(block.prefixLength()).as(cidr).isGreaterThanOrEqualTo(24);
            assertThat(block.size() - Subnet.RESERVED_ADDRESSES).as(cidr).isLessThanOrEqualTo(123);
        }
    }

    @Test
    void theNodesAreTrunkCapableAndSgppIsEnabled() throws Exception {
        Map<String, Object> tf = terraform();
        String instanceType = (String) map(tf, "variable", "node_instance_type").get("default");
        assertThat(InstanceLimits.branchInterfaces(instanceType)).as(instanceType).hasValueSatisfying(
                limit -> assertThat(limit).isPositive());
        String cni = (String) map(tf, "resource", "aws_eks_addon", "vpc_cni").get("configuration_values");
        assertThat(cni).contains("\"ENABLE_POD_ENI\":\"true\"");
        assertThat(map(tf, "resource", "aws_iam_role_policy_attachment", "vpc_resource_controller").get("policy_arn"))
                .isEqualTo("arn:aws:iam::aws:policy/AmazonEKSVPCResourceController");
        assertThat(map(tf, "resource", "aws_security_group")).containsKey("pods");
    }

    /**
     * The churn pods' lookups reach CoreDNS on the nodes over both transports (dns.transport udp or
     * tcp). hcl4j does not evaluate toset(), so the rule's set of protocols is read from the text.
     */
    @Test
    void thePodsMayAskCoreDnsOverUdpAndTcp() throws Exception {
        Map<String, Object> rule = map(terraform(), "resource", "aws_security_group_rule", "dns_from_pods");
        assertThat(rule).containsEntry("type", "ingress").containsEntry("from_port", 53.0)
                .containsEntry("to_port", 53.0);
        assertThat(rule.get("protocol")).hasToString("each.key");
        assertThat(rule.get("source_security_group_id")).hasToString("aws_security_group.pods.id");
        String text = Files.readString(TERRAFORM.resolve("main.tf"));
        String block = text.substring(text.indexOf("resource \"aws_security_group_rule\" \"dns_from_pods\""));
        assertThat(block.substring(0, block.indexOf('}')))
                .contains("for_each                 = toset([\"udp\", \"tcp\"])");
    }

    @Test
    void theOutputsTheHarnessNeedsArePresent() throws Exception {
        assertThat(map(terraform(), "output")).containsKeys("cluster_name", "region", "pod_security_group_id",
                "pod_subnet_cidrs", "node_instance_type", "update_kubeconfig");
    }

    @Test
    void theManifestsSelectTheChurnPodsAsTheHarnessDoes() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode sgp = yaml.readTree(Files.readString(K8S.resolve("securitygrouppolicy.yaml")));
        assertThat(sgp.get("apiVersion").asString()).isEqualTo(SgppSupport.GROUP + "/" + SgppSupport.VERSION);
        JsonNode pod = yaml.readTree(Files.readString(K8S.resolve("churn-pod.yaml")));
        sgp.get("spec").get("podSelector").get("matchLabels").properties().forEach(label ->
                assertThat(pod.get("metadata").get("labels").get(label.getKey())).as(label.getKey()).isEqualTo(label.getValue()));
        assertThat(pod.get("spec").get("restartPolicy").asString()).isEqualTo("Never");
        JsonNode container = pod.get("spec").get("containers").get(0);
        assertThat(container.get("command").get(2).asString()).isEqualTo(ChurnPodTemplate.SCRIPT);
        assertThat(container.get("image").asString()).isEqualTo(ChurnPodTemplate.DEFAULT_IMAGE);
        // the report's scenario's resolver options, as cluster run sets them
        ChurnPlan report = ChurnPlan.of(ScenarioLoader.loadFileOrBundled("../scenarios/report-200-pods.yaml").bind(), 1);
        List<String> options = new ArrayList<>();
        pod.get("spec").get("dnsConfig").get("options").forEach(o -> options.add(o.get("name").asString() + ":"
                + o.get("value").asString()));
        assertThat(options).containsExactlyElementsOf(report.dnsOptions().stream().map(o -> o.getName() + ":" + o.getValue())
                .toList());
        assertThat(new File(K8S.resolve("guard").toString())).isDirectory();
    }

    /** What the harness calls (group, resource, verb), each granted, and nothing with a wildcard. */
    @Test
    void theHarnessRoleGrantsWhatTheHarnessCallsAndNoWildcards() throws Exception {
        JsonNode rbac = new YAMLMapper().readTree(Files.readString(K8S.resolve("harness-rbac.yaml")));
        List<String> granted = new ArrayList<>();
        for (JsonNode rule : rbac.get("rules")) {
            assertThat(rule.toString()).doesNotContain("\"*\"");
            for (JsonNode group : rule.get("apiGroups")) {
                for (JsonNode resource : rule.get("resources")) {
                    for (JsonNode verb : rule.get("verbs")) {
                        granted.add(group.asString() + "/" + resource.asString() + ":" + verb.asString());
                    }
                }
            }
            if (rule.get("resources").get(0).asString().equals("configmaps")) {
                assertThat(rule.get("resourceNames").get(0).asString()).isEqualTo(VpcCniConfigMap.NAME);
            }
        }
        assertThat(granted).contains("/namespaces:get", "/namespaces:list", "/namespaces:create", "/namespaces:delete",
                "/pods:get", "/pods:list", "/pods:watch", "/pods:create", "/pods:deletecollection", "/nodes:list",
                "/events:list", "/events:watch", "/configmaps:get", "/configmaps:patch",
                "apiextensions.k8s.io/customresourcedefinitions:get", "vpcresources.k8s.aws/securitygrouppolicies:get",
                "vpcresources.k8s.aws/securitygrouppolicies:list", "vpcresources.k8s.aws/securitygrouppolicies:create",
                "vpcresources.k8s.aws/securitygrouppolicies:deletecollection");
    }
}
