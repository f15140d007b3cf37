package dev.sgplab.sim.advise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to paste on a real EKS cluster for each change the advice names. Pure text: nothing here runs.
 *
 * <p>Sources: the cooldown is the key {@code branch-eni-cooldown} of the EKS-managed ConfigMap
 * {@code kube-system/amazon-vpc-cni}, floor 30 s (aws/amazon-vpc-resource-controller-k8s,
 * docs/sgp/sgp_config_options.md, pkg/provider/branch/cooldown/cooldown.go). Neighbour settings are
 * the kernel's {@code net.ipv4.neigh.default.*} (Documentation/networking/ip-sysctl.rst); writing a
 * default also changes every interface that has not set its own value ({@code neigh_proc_update} ->
 * {@code neigh_copy_dflt_parms}, net/core/neighbour.c). Resolver options: resolv.conf(5), glibc
 * resolv/res_send.c, musl src/network/res_msend.c. A subnet's CIDR cannot change after creation
 * (EC2 CreateSubnet); a VPC can take secondary CIDR blocks (AssociateVpcCidrBlock).
 */
public final class HowToApply {
    static final String GUARD_MANIFESTS = "deploy/k8s/guard/";
    /** The guard container's requests in {@code deploy/k8s/guard/daemonset.yaml} (a test keeps them equal). */
    static final String GUARD_CPU_REQUEST = "20m";
    static final String GUARD_MEMORY_REQUEST = "96Mi";
    static final String NODE_LOCAL_DNS_MANIFEST =
            "https://raw.githubusercontent.com/kubernetes/kubernetes/master/cluster/addons/dns/nodelocaldns/nodelocaldns.yaml";

    private HowToApply() {
    }

    /** The ConfigMap patch and sgplab's own command, for a cooldown in seconds. */
    public static List<String> cooldown(int seconds) {
        return List.of(
                "kubectl -n kube-system patch configmap amazon-vpc-cni --type merge \\",
                "  -p '{\"data\":{\"branch-eni-cooldown\":\"" + seconds + "\"}}'",
                "# or, which checks the controller's floor and reports its BranchENICoolDownPeriodUpdated event:",
                "sgplab cluster cooldown set " + seconds);
    }

    /**
     * A neighbour sysctl on the nodes that send DNS replies: a CoreDNS pod's node is what matters
     * (its neighbour table holds the old MAC), and CoreDNS pods move, so every node that may run one.
     */
    static List<String> sysctl(String name, String value) {
        String line = "net.ipv4.neigh.default." + name + " = " + value;
        List<String> out = new ArrayList<>();
        out.add("# on every node that may run a CoreDNS pod (its node's neighbour table is the one that matters):");
        out.add(line);
        out.add("# at boot, a shell-script part in the node's user data (EKS managed node group: launch template");
        out.add("# user data, MIME multi-part beside AL2023's nodeadm NodeConfig or before AL2's bootstrap.sh;");
        out.add("# Karpenter: EC2NodeClass spec.userData):");
        out.add("#!/bin/bash");
        out.add("echo '" + line + "' > /etc/sysctl.d/90-neigh.conf && sysctl -p /etc/sysctl.d/90-neigh.conf");
        out.add("# on a running node (until reboot): sysctl -w net.ipv4.neigh.default." + name + "=" + value);
        if (!name.startsWith("gc_thresh")) {
            out.add("# the default also changes interfaces that have not set their own value; check one with");
            out.add("# sysctl net.ipv4.neigh.eth0." + name);
        }
        return out;
    }

    /** One more resolver try: the pod's dnsConfig, and which C libraries it helps. */
    static List<String> attempts(int attempts, String resolver, int timeout) {
        List<String> out = new ArrayList<>(List.of(
                "# in each SGPP pod's spec (Kubernetes adds it to the pod's resolv.conf as options attempts:" + attempts + "):",
                "spec:",
                "  dnsConfig:",
                "    options:",
                "      - name: attempts",
                "        value: \"" + attempts + "\""));
        out.add(switch (resolver) {
            case "musl" -> String.format(Locale.ROOT, "# musl (Alpine) spreads its tries over the same %d s timeout: "
                    + "more attempts do not make the lookup last longer; a longer timeout does", timeout);
            case "busybox" -> "# busybox nslookup ignores resolv.conf options: pass -retry=" + attempts + " to it instead";
            default -> String.format(Locale.ROOT, "# glibc waits the full timeout (%d s) per try, so each attempt adds "
                    + "%d s to a lookup that meets lost replies", timeout, timeout);
        });
        return out;
    }

    static List<String> guard() {
        return List.of("kubectl apply -f " + GUARD_MANIFESTS + "rbac.yaml -f " + GUARD_MANIFESTS + "daemonset.yaml",
                "# build and push the image first: " + GUARD_MANIFESTS + "Dockerfile (see docs/guard.md)");
    }

    /** Fewer addresses held by others: the subnet keeps its size. */
    static List<String> freeAddresses(int others) {
        return List.of("# leave more of the subnet to branch ENIs: fewer addresses held by others (now "
                + others + "); the nodes' warm IPs are",
                "# set on the aws-node DaemonSet, e.g. kubectl -n kube-system set env daemonset aws-node WARM_IP_TARGET=1",
                "# or move other workloads to another subnet");
    }

    /** A subnet cannot grow: a new, larger one (in a secondary CIDR if the VPC is full) for the trunk nodes. */
    static List<String> largerSubnet(String cidr) {
        return List.of(
                "# a subnet cannot grow: create one of /" + cidr.substring(cidr.indexOf('/') + 1)
                        + " or larger (in a secondary VPC CIDR if the VPC has no room)",
                "aws ec2 associate-vpc-cidr-block --vpc-id VPC_ID --cidr-block 100.64.0.0/16   # only if needed",
                "aws ec2 create-subnet --vpc-id VPC_ID --availability-zone AZ --cidr-block SUBNET_CIDR",
                "# branch ENIs are made in the subnet of the node's trunk ENI: run the SGPP nodes in the new",
                "# subnet (a node group or Karpenter subnetSelectorTerms), or point the VPC CNI's custom",
                "# networking ENIConfig at it");
    }

    /**
     * NodeLocal DNSCache as the Kubernetes task page installs it with kube-proxy in iptables mode
     * (EKS's default): the pods keep the kube-dns IP in resolv.conf and the cache binds that IP too.
     * Source: kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/.
     */
    static List<String> nodeLocalCache(String clusterDomain, boolean needsStandardMode) {
        List<String> out = new ArrayList<>(List.of(
                "# NodeLocal DNSCache: the Kubernetes add-on's manifest with its placeholders filled in",
                "# (kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/; kube-proxy in iptables mode)",
                "curl -sLO " + NODE_LOCAL_DNS_MANIFEST,
                "kubedns=$(kubectl -n kube-system get svc kube-dns -o jsonpath='{.spec.clusterIP}')",
                "sed -i \"s/__PILLAR__LOCAL__DNS__/169.254.20.10/g; s/__PILLAR__DNS__DOMAIN__/" + clusterDomain
                        + "/g; s/__PILLAR__DNS__SERVER__/$kubedns/g\" nodelocaldns.yaml",
                "kubectl apply -f nodelocaldns.yaml"));
        if (needsStandardMode) {
            out.addAll(enforcingModeStandard());
        }
        return out;
    }

    /** The VPC CNI's enforcing mode: without standard, branch-ENI pods cannot reach their node's cache. */
    static List<String> enforcingModeStandard() {
        return List.of(
                "# and, first: the SGPP pods reach their node's cache only in the VPC CNI's standard mode",
                "kubectl -n kube-system set env daemonset aws-node POD_SECURITY_GROUP_ENFORCING_MODE=standard",
                "# (EKS add-on: put {\"env\":{\"POD_SECURITY_GROUP_ENFORCING_MODE\":\"standard\"}} in its configuration",
                "# values instead, or an add-on update puts strict back); the mode applies to pods set up after",
                "# the change: recycle the SGPP pods (or the nodes). In standard mode security groups no longer",
                "# see a pod's traffic with its own node (kubelet, the cache) nor with pods on that node.");
    }

    /** One resolver option in the pods' dnsConfig (a name with a value, or a flag such as single-request). */
    static List<String> dnsOption(String name, String value, String note) {
        List<String> out = new ArrayList<>(List.of(
                "# in each SGPP pod's spec (Kubernetes adds it to the pod's resolv.conf options):",
                "spec:",
                "  dnsConfig:",
                "    options:",
                "      - name: " + name));
        if (value != null) {
            out.add("        value: \"" + value + "\"");
        }
        out.add("# " + note);
        return out;
    }
}
