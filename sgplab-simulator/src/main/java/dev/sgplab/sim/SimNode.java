package dev.sgplab.sim;

import dev.sgplab.model.neighbour.NeighbourDevice;
import dev.sgplab.model.neighbour.NeighbourTable;

/**
 * A worker node. Only nodes running CoreDNS get a neighbour table: theirs are the entries that
 * decide whether DNS replies reach the pods. Replies leave through the node's eth0 (the ENI that
 * holds the CoreDNS pod's IP); replicas on one node share it.
 */
final class SimNode {
    final int index;
    final String name;
    int sgppPods;
    NeighbourTable table;
    NeighbourDevice eth0;

    SimNode(int index) {
        this.index = index;
        this.name = "node-" + index;
    }
}
