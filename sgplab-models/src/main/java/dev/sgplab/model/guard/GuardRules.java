package dev.sgplab.model.guard;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
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

    public static List<Repair> decide(Map<String, String> ownerMacByIp, List<IpNeighEntry> entries, Action action) {
        List<Repair> repairs = new ArrayList<>();
        for (IpNeighEntry entry : entries) {
            Repair repair = decide(ownerMacByIp.get(entry.ip()), entry, action);
            if (repair != null) {
                repairs.add(repair);
            }
        }
        return repairs;
    }

    /** The repair one entry needs, or null. */
    public static Repair decide(String ownerMac, IpNeighEntry entry, Action action) {
        if (ownerMac == null || entry.mac() == null) {
            return null;
        }
        if (!repairable(entry.state()) || entry.mac().equalsIgnoreCase(ownerMac)) {
            return null;
        }
        return new Repair(entry.ip(), entry.device(), entry.mac(), ownerMac.toLowerCase(java.util.Locale.ROOT), action);
    }

    /**
     * NUD_VALID but not set by an administrator: REACHABLE, STALE, DELAY, PROBE. PERMANENT and NOARP
     * are left alone; INCOMPLETE, FAILED, NONE (and no entry) hold no address to be wrong.
     */
    static boolean repairable(NudState state) {
        return state.valid() && state != NudState.PERMANENT && state != NudState.NOARP;
    }
}
