package dev.sgplab.model.neighbour;

/**
 * A packet handed to the neighbour layer for an on-link destination. The layer either transmits it
 * to a link-layer address (which the fabric then delivers, or not) or drops it.
 */
public interface Packet {
    /** Counted against unres_qlen_bytes while the packet waits in an INCOMPLETE entry's queue. */
    int sizeBytes();

    void transmitted(long now, long destinationMac);

    void dropped(long now, DropReason reason);

    enum DropReason {
        /** Resolution failed (INCOMPLETE -> FAILED): neigh_invalidate() discards the queue. */
        RESOLUTION_FAILED,
        /** The INCOMPLETE queue was over unres_qlen_bytes: the oldest packet is dropped. */
        QUEUE_OVERFLOW,
        /** Forced GC could not make room below gc_thresh3: "neighbor table overflow!". */
        TABLE_OVERFLOW
    }
}
