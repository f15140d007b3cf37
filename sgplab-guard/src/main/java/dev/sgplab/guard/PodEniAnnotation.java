package dev.sgplab.guard;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VPC Resource Controller's {@code vpc.amazonaws.com/pod-eni} annotation: a JSON array of the
 * pod's branch ENIs, each with {@code eniId}, {@code privateIp} and {@code ifAddress} (the MAC), among
 * others (vlanId, subnetCidr, ...).
 */
public final class PodEniAnnotation {
    public static final String KEY = "vpc.amazonaws.com/pod-eni";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One branch ENI of a pod: its IPv4 address, MAC and ENI id (empty when the annotation has none). */
    public record Owner(String ip, String mac, String eniId) {
    }

    private PodEniAnnotation() {
    }

    /** The owners the annotation names; nothing for a missing or malformed annotation. */
    public static List<Owner> parse(String value) {
        List<Owner> owners = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return owners;
        }
        JsonNode list;
        try {
            list = JSON.readTree(value);
        } catch (JacksonException e) {
            return owners;
        }
        if (!list.isArray()) {
            return owners;
        }
        for (JsonNode eni : list) {
            String ip = eni.path("privateIp").asString("");
            String mac = eni.path("ifAddress").asString("");
            if (!ip.isEmpty() && mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
                owners.add(new Owner(ip, mac.toLowerCase(java.util.Locale.ROOT), eni.path("eniId").asString("")));
            }
        }
        return owners;
    }
}
