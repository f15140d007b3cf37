package dev.sgplab.model.scheduling;

import java.util.BitSet;

/**
 * kube-scheduler's choice of node for SGPP pods: a node offers its branch limit of the extended
 * resource vpc.amazonaws.com/pod-eni (the VPC Resource Controller advertises it), and among the
 * nodes with room the one with the fewest SGPP pods wins (NodeResourcesFit, LeastAllocated),
 * the lowest index among equals; or, as a named alternative, round-robin over the nodes.
 *
 * <p>Deviation: only the pod-eni resource is scored (CPU and memory requests are not modelled).
 * Cost: the least-allocated node is found from per-count sets of nodes, not by scanning every node.
 */
public final class NodeScheduler {
    private final WorkerNode[] nodes;
    private final int branchLimit;
    private final boolean roundRobin;
    /** Nodes by their SGPP pod count: nodesWithPods[c] holds the indices of nodes with c pods. */
    private final BitSet[] nodesWithPods;
    private int roundRobinNext;

    public NodeScheduler(int nodeCount, int branchLimit, boolean roundRobin) {
        this.branchLimit = branchLimit;
        this.roundRobin = roundRobin;
        this.nodes = new WorkerNode[nodeCount];
        this.nodesWithPods = new BitSet[branchLimit + 1];
        for (int c = 0; c <= branchLimit; c++) {
            nodesWithPods[c] = new BitSet(c == 0 ? nodeCount : 0);
        }
        for (int i = 0; i < nodeCount; i++) {
            nodes[i] = new WorkerNode(i);
            nodesWithPods[0].set(i);
        }
    }

    public WorkerNode[] nodes() {
        return nodes.clone();
    }

    public int branchLimit() {
        return branchLimit;
    }

    /** The node the next pod binds to, counted as holding it; null when every node is full. */
    public WorkerNode bind() {
        WorkerNode node = pick();
        if (node != null) {
            count(node, +1);
        }
        return node;
    }

    /** A pod bound to {@code node} is gone: its pod-eni resource is free again. */
    public void release(WorkerNode node) {
        count(node, -1);
    }

    private WorkerNode pick() {
        if (roundRobin) {
            for (int i = 0; i < nodes.length; i++) {
                WorkerNode node = nodes[(roundRobinNext + i) % nodes.length];
                if (node.sgppPods < branchLimit) {
                    roundRobinNext = (node.index() + 1) % nodes.length;
                    return node;
                }
            }
            return null;
        }
        for (int c = 0; c < branchLimit; c++) {
            int index = nodesWithPods[c].nextSetBit(0);
            if (index >= 0) {
                return nodes[index];
            }
        }
        return null;
    }

    private void count(WorkerNode node, int change) {
        nodesWithPods[node.sgppPods].clear(node.index());
        node.sgppPods += change;
        nodesWithPods[node.sgppPods].set(node.index());
    }
}
