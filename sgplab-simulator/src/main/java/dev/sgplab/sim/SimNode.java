package dev.sgplab.sim;

import dev.sgplab.model.neighbour.NeighbourDevice;
import dev.sgplab.model.neighbour.NeighbourTable;

/**
 * A node that runs CoreDNS, with its kernel's neighbour table: its entries decide whether DNS
 * replies reach the pods. Replies leave through the node's eth0 (the ENI that holds the CoreDNS
 * pod's IP); replicas on one node share it.
 */
final class SimNode {
    final String name;
    final NeighbourTable table;
    final NeighbourDevice eth0;

    SimNode(String name, NeighbourTable table) {
        this.name = name;
        this.table = table;
        this.eth0 = table.addDevice("eth0", table.defaults());
        table.start(); // after the device: its reachable_time is the table stream's first draw
    }
}
