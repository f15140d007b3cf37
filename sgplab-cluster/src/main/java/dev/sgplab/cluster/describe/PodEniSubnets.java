package dev.sgplab.cluster.describe;

import dev.sgplab.guard.PodEniAnnotation;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The subnet CIDRs a pod's branch ENIs draw from: the pod-eni annotation's subnetCidr fields. */
final class PodEniSubnets {
    static final String KEY = PodEniAnnotation.KEY;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PodEniSubnets() {
    }

    static List<String> of(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(KEY);
        List<String> cidrs = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return cidrs;
        }
        try {
            for (JsonNode eni : JSON.readTree(value)) {
                String cidr = eni.path("subnetCidr").asString("");
                if (cidr.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
                    cidrs.add(cidr);
                }
            }
        } catch (JacksonException e) {
            return cidrs; // a malformed annotation names no subnet
        }
        return cidrs;
    }
}
