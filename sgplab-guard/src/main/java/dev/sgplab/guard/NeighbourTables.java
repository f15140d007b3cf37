package dev.sgplab.guard;

import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.observe.IpNeighEntry;
import java.util.List;

/** A node's neighbour tables as the guard sees them: read them, and repair one entry. */
public interface NeighbourTables {
    /** Every entry, all devices (ip -j neigh show). */
    List<IpNeighEntry> all();

    /** The entries for one IP, all devices (ip -j neigh show to IP). */
    List<IpNeighEntry> forIp(String ip);

    void apply(GuardRules.Repair repair);

    /** A name for logs: the host, or the network namespace. */
    String name();
}
