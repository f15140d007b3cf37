package dev.sgplab.guard;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one reader of {@code ip -j neigh show} (iproute2's JSON, ip/ipneigh.c print_neighbour()), for
 * the guard and the kernel lab. What iproute2 writes, as seen with iproute2 6.1:
 * <ul>
 * <li>{@code "state"} is an array of NUD flag names, e.g. {@code ["STALE"]}; an entry in NUD_NONE
 *     has no {@code "state"} key at all, read here as {@link NudState#NONE};
 * <li>{@code "lladdr"} is missing on entries that hold no address (INCOMPLETE, FAILED);
 * <li>flags are keys of their own with a null value ({@code "router":null}, {@code "extern_learn":null});
 * <li>{@code "dev"} is missing when the command was filtered by device ({@code ip neigh show dev D}):
 *     the caller passes that device.
 * </ul>
 * IPv6 entries (a {@code dst} with a colon) and proxy entries (no state, no address) are skipped, so
 * are entries whose device is unknown. A state name sgplab does not know is an error, not a guess.
 */
public final class IpNeighbourJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IpNeighbourJson() {
    }

    /**
     * The IPv4 entries of one {@code ip -j neigh show} output.
     *
     * @param filteredDevice the device the command was filtered by ({@code dev D}), which iproute2 then
     *                       leaves out of every entry; null when not filtered
     * @throws IllegalStateException when the output is not iproute2's JSON
     */
    public static List<IpNeighEntry> parse(String json, String filteredDevice) {
        JsonNode list;
        try {
            list = JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (JacksonException e) {
            throw new IllegalStateException("ip -j neigh: not JSON: " + e.getOriginalMessage());
        }
        if (!list.isArray()) {
            throw new IllegalStateException("ip -j neigh: expected a list of entries");
        }
        List<IpNeighEntry> entries = new ArrayList<>();
        for (JsonNode node : list) {
            String dst = node.path("dst").asString("");
            String device = node.has("dev") ? node.get("dev").asString() : filteredDevice;
            if (dst.isEmpty() || dst.contains(":") || device == null || node.has("proxy")) {
                continue;
            }
            JsonNode lladdr = node.get("lladdr");
            entries.add(new IpNeighEntry(dst, device, state(node.path("state"), dst),
                    lladdr == null || lladdr.isNull() ? null : lladdr.asString()));
        }
        return entries;
    }

    /** The first NUD flag the entry shows: an entry holds one state (iproute2 prints the flags in order). */
    private static NudState state(JsonNode flags, String dst) {
        if (!flags.isArray() || flags.isEmpty()) {
            return NudState.NONE;
        }
        String name = flags.get(0).asString();
        try {
            NudState state = NudState.ofShown(name);
            if (state != NudState.ABSENT) {
                return state;
            }
        } catch (IllegalArgumentException e) {
            // fall through: named below
        }
        throw new IllegalStateException("ip -j neigh: unknown neighbour state '" + name + "' for " + dst);
    }
}
