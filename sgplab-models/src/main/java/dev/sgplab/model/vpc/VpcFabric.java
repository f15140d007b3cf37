package dev.sgplab.model.vpc;

import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.address.Ipv4;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.model.neighbour.ArpSolicitor;
import dev.sgplab.model.neighbour.NeighbourDevice;

/**
 * The VPC as the hosts see it: frames reach the interface that owns the destination MAC, and ARP
 * is answered by the virtualisation layer with the MAC of the interface that owns the IP now.
 *
 * <p>Sources: AWS re:Invent NET 2016-2019 "VPC deep dive" talks and the VPC user guide (the
 * mapping service answers ARP; no broadcast reaches other hosts).
 *
 * <p>Undocumented behaviour, as named options: whether a unicast ARP probe sent to a MAC that no
 * longer owns the IP is answered ({@link Options#answerUnicastProbesToStaleMac}, default no); and
 * whether hosts see each other's ARP requests ({@link Options#deliverArpRequestsBetweenHosts},
 * default no, as the VPC documents).
 */
public final class VpcFabric implements ArpSolicitor {

    public record Options(boolean answerUnicastProbesToStaleMac, boolean deliverArpRequestsBetweenHosts,
            long arpReplyLatency) {
        public static final Options DEFAULTS = new Options(false, false, 100_000L);
    }

    private final Scheduler scheduler;
    private final Options options;
    private final IpMacTable ownerMacByIp = new IpMacTable();
    private long arpRequests;
    private long arpReplies;

    public VpcFabric(Scheduler scheduler, Options options) {
        this.scheduler = scheduler;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** An interface now owns {@code ip}. */
    public void attach(int ip, long mac) {
        if (ownerMacByIp.contains(ip)) {
            throw new IllegalStateException(Ipv4.format(ip) + " is already owned by "
                    + MacAddress.format(ownerMacByIp.get(ip, MacAddress.NONE)));
        }
        ownerMacByIp.put(ip, mac);
    }

    /** The interface that owned {@code ip} is gone. */
    public void detach(int ip) {
        ownerMacByIp.remove(ip);
    }

    /** The MAC of the interface that owns {@code ip}, or {@link MacAddress#NONE}. */
    public long ownerMac(int ip) {
        return ownerMacByIp.get(ip, MacAddress.NONE);
    }

    /** Whether a frame for {@code ip} sent to {@code mac} reaches the interface that owns the IP. */
    public boolean delivers(int ip, long mac) {
        return mac != MacAddress.NONE && mac == ownerMac(ip);
    }

    @Override
    public void solicit(NeighbourDevice device, int targetIp, long destinationMac) {
        arpRequests++;
        long owner = ownerMac(targetIp);
        if (owner == MacAddress.NONE) {
            return;
        }
        boolean answered = destinationMac == MacAddress.BROADCAST || destinationMac == owner
                || options.answerUnicastProbesToStaleMac();
        if (answered) {
            arpReplies++;
            scheduler.scheduleAfter(options.arpReplyLatency(), () -> device.arpReply(targetIp, ownerMac(targetIp)));
        }
    }

    /**
     * A newly attached interface broadcasts an ARP request. Only with deliverArpRequestsBetweenHosts
     * does another host's device see it (and then only updates an entry it already has).
     */
    public void broadcastSeenBy(int senderIp, long senderMac, NeighbourDevice otherHost) {
        if (options.deliverArpRequestsBetweenHosts()) {
            otherHost.arpRequestReceived(senderIp, senderMac, false);
        }
    }

    public long arpRequests() {
        return arpRequests;
    }

    public long arpReplies() {
        return arpReplies;
    }
}
