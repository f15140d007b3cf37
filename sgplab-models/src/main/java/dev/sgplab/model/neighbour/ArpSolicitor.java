package dev.sgplab.model.neighbour;

/**
 * Where arp_solicit() sends its requests: the network. An answer comes back later, if at all,
 * through {@link NeighbourDevice#arpReply(int, long)}.
 */
@FunctionalInterface
public interface ArpSolicitor {
    /**
     * @param destinationMac the cached address for a unicast probe, or
     *     {@link dev.sgplab.model.address.MacAddress#BROADCAST}
     */
    void solicit(NeighbourDevice device, int targetIp, long destinationMac);
}
