package dev.sgplab.model.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The guard's decisions: given who owns each SGPP pod IP now (from the pods'
 * vpc.amazonaws.com/pod-eni annotations) and a node's neighbour entries, which entries to repair.
 *
 * <p>Rules: an entry is repaired only when its IP belongs to a known pod, it holds a link-layer
 * address (REACHABLE, STALE, DELAY, PROBE) and that address is not the owner's. Entries for unknown
 * IPs are never touched, nor PERMANENT or NOARP ones (an administrator's), nor INCOMPLETE or FAILED
 * ones (they hold no address; the next packet resolves afresh).
 */
public final class GuardRules {

    /** A neighbour entry as `ip -j neigh` shows it (MAC in lower-case colon form, or null). */
    public record Entry(String ip, String device, String state, String mac) {
    }

    /** What to do to one entry. */
    public record Repair(String ip, String device, String staleMac, String ownerMac, Action action) {
    }

    /**
     * Replace writes the owner's MAC as STALE ({@code ip neigh replace IP lladdr MAC nud stale}):
     * the kernel verifies it with a unicast probe on first use. Delete removes the entry: the next
     * packet resolves by broadcast.
     */
    public enum Action { REPLACE, DELETE }

    private GuardRules() {
    }

    public static List<Repair> decide(Map<String, String> ownerMacByIp, List<Entry> entries, Action action) {
        List<Repair> repairs = new ArrayList<>();
        for (Entry entry : entries) {
            Repair repair = decide(ownerMacByIp.get(entry.ip()), entry, action);
            if (repair != null) {
                repairs.add(repair);
            }
        }
        return repairs;
    }

    /** The repair one entry needs, or null. */
    public static Repair decide(String ownerMac, Entry entry, Action action) {
        if (ownerMac == null || entry.mac() == null) {
            return null;
        }
        boolean holdsAddress = switch (entry.state()) {
            case "REACHABLE", "STALE", "DELAY", "PROBE" -> true;
            default -> false; // PERMANENT, NOARP, INCOMPLETE, FAILED, NONE
        };
        if (!holdsAddress || entry.mac().equalsIgnoreCase(ownerMac)) {
            return null;
        }
        return new Repair(entry.ip(), entry.device(), entry.mac(), ownerMac.toLowerCase(java.util.Locale.ROOT), action);
    }
}
