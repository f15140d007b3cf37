package dev.sgplab.cluster.describe;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resolver settings of the SGPP pods, as the kubelet writes their resolv.conf from
 * spec.dnsPolicy and spec.dnsConfig (kubernetes pkg/kubelet/network/dns): ClusterFirst gives the
 * namespace's search list and ndots:5; dnsConfig options and searches are added; None takes only
 * dnsConfig; Default takes the node's file, which the API does not show. Where pods differ, the most
 * common set-up is used and the others are listed.
 */
record DnsSettings(String origin, String resolver, String resolverSource, Sourced timeout, Sourced attempts,
        Sourced ndots, List<String> search, String searchSource, boolean singleRequest, String singleRequestSource,
        List<String> notes) {

    record Sourced(int value, String source) {
    }

    private static final String DOMAIN = "cluster.local";

    /** The resolver's keys of a scenario's dns section (or a workload's dns overrides), each with its source. */
    void write(ScenarioText out) {
        out.value("resolver", resolver(), resolverSource());
        out.value("timeout", String.valueOf(timeout().value()), timeout().source());
        out.value("attempts", String.valueOf(attempts().value()), attempts().source());
        out.value("ndots", String.valueOf(ndots().value()), ndots().source());
        out.value("search", ScenarioText.flow(search()), searchSource());
        out.value("single-request", String.valueOf(singleRequest()), singleRequestSource());
    }

    static DnsSettings of(List<Pod> sgppPods) {
        if (sgppPods.isEmpty()) {
            String assumed = "assumed: no SGPP pod to read; the scenario reference's default";
            return new DnsSettings("No SGPP pod: the resolver is the scenario reference's.", "glibc", assumed,
                    new Sourced(5, assumed), new Sourced(2, assumed), new Sourced(5, assumed),
                    List.of("default.svc." + DOMAIN, "svc." + DOMAIN, DOMAIN), assumed, false, assumed, List.of());
        }
        Map<String, List<Pod>> setups = sgppPods.stream().collect(Collectors.groupingBy(DnsSettings::setup,
                LinkedHashMap::new, Collectors.toList()));
        List<Pod> chosen = setups.values().stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        Pod pod = chosen.get(0);
        List<String> notes = new ArrayList<>();
        if (setups.size() > 1) {
            notes.add("  " + sgppPods.size() + " SGPP pods in " + setups.size() + " DNS set-ups; the scenario has the most "
                    + "common (" + chosen.size() + " pods):");
            setups.forEach((setup, pods) -> notes.add("    " + pods.size() + " pods: " + setup));
        }
        return read(pod, chosen.size() + " of " + sgppPods.size() + " SGPP pods", notes);
    }

    private static DnsSettings read(Pod pod, String who, List<String> notes) {
        String policy = policy(pod);
        PodDNSConfig config = pod.getSpec().getDnsConfig();
        Map<String, String> options = new LinkedHashMap<>();
        if (config != null && config.getOptions() != null) {
            for (PodDNSConfigOption option : config.getOptions()) {
                options.put(option.getName(), option.getValue());
            }
        }
        String field = "Pod spec.dnsConfig.options ";
        String image = pod.getSpec().getContainers().isEmpty() ? "" : String.valueOf(pod.getSpec().getContainers().get(0)
                .getImage()).toLowerCase(Locale.ROOT);
        boolean musl = image.contains("alpine") || image.contains("busybox");
        String resolverSource = musl ? "guessed from the image name " + image + " (Alpine and busybox use musl)"
                : "assumed: the image's C library is not visible through the API (musl for Alpine/busybox images)";
        if (policy.equals("Default")) {
            notes.add("  dnsPolicy Default: the pods use their node's resolv.conf, which the API does not show");
        }
        boolean clusterFirst = policy.startsWith("ClusterFirst");
        String namespace = pod.getMetadata().getNamespace();
        List<String> search = new ArrayList<>();
        String searchSource;
        if (clusterFirst) {
            search.addAll(List.of(namespace + ".svc." + DOMAIN, "svc." + DOMAIN, DOMAIN));
            searchSource = "the kubelet's list for dnsPolicy " + policy + " in namespace " + namespace;
            notes.add("  the node's own search domains (on EKS REGION.compute.internal) follow in resolv.conf; "
                    + "the API does not show them");
        } else if (policy.equals("None")) {
            searchSource = "Pod spec.dnsConfig.searches (dnsPolicy None)";
        } else {
            search.addAll(List.of(namespace + ".svc." + DOMAIN, "svc." + DOMAIN, DOMAIN));
            searchSource = "assumed: dnsPolicy " + policy + " (the node's resolv.conf)";
        }
        if (config != null && config.getSearches() != null && !config.getSearches().isEmpty()) {
            search.addAll(config.getSearches());
            searchSource += ", then spec.dnsConfig.searches";
        }
        if (config != null && config.getNameservers() != null && !config.getNameservers().isEmpty()) {
            notes.add("  spec.dnsConfig.nameservers " + config.getNameservers() + " (the simulator sends to CoreDNS only)");
        }
        Sourced ndots = number(options, "ndots", field, clusterFirst ? 5 : 1, clusterFirst
                ? "the kubelet's ndots:5 for dnsPolicy " + policy : "the resolver's default (no ndots option)");
        Sourced timeout = number(options, "timeout", field, 5, "the resolver's default (the kubelet writes none)");
        Sourced attempts = number(options, "attempts", field, 2, "the resolver's default (the kubelet writes none)");
        boolean single = options.containsKey("single-request") || options.containsKey("single-request-reopen");
        String singleSource = single ? field + (options.containsKey("single-request") ? "single-request"
                : "single-request-reopen") : "no single-request option in spec.dnsConfig";
        return new DnsSettings("DNS of " + who + " (Pod spec.dnsPolicy " + policy + ", spec.dnsConfig), as the kubelet "
                + "writes resolv.conf.", musl ? "musl" : "glibc", resolverSource, timeout, attempts, ndots, search,
                searchSource, single, singleSource, notes);
    }

    private static Sourced number(Map<String, String> options, String name, String field, int fallback, String why) {
        String value = options.get(name);
        if (value != null && value.matches("\\d{1,4}")) {
            return new Sourced(Integer.parseInt(value), field + name);
        }
        return new Sourced(fallback, value == null ? why : why + "; " + field + name + " '" + value + "' is not a number");
    }

    private static String policy(Pod pod) {
        String policy = pod.getSpec().getDnsPolicy();
        return policy == null || policy.isBlank() ? "ClusterFirst" : policy;
    }

    /** What decides a pod's resolv.conf, as one line for grouping and listing. */
    private static String setup(Pod pod) {
        PodDNSConfig config = pod.getSpec().getDnsConfig();
        Function<List<?>, String> shown = list -> list == null || list.isEmpty() ? "-" : list.toString();
        String options = config == null || config.getOptions() == null ? "-" : config.getOptions().stream()
                .map(o -> o.getName() + (o.getValue() == null ? "" : ":" + o.getValue())).collect(Collectors.joining(" "));
        return "namespace " + pod.getMetadata().getNamespace() + ", dnsPolicy " + policy(pod) + ", options " + options
                + ", searches " + shown.apply(config == null ? null : config.getSearches());
    }
}
