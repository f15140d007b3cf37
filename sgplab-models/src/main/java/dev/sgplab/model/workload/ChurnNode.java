package dev.sgplab.model.workload;

/** A worker node as the scheduler sees it: a name and the SGPP pods it holds. */
public final class ChurnNode {
    private final int index;
    private final String name;
    int sgppPods;
    /** Branch ENIs in this node's delete queue at the last count (for the total over all nodes). */
    int deleteQueue;

    ChurnNode(int index) {
        this.index = index;
        this.name = "node-" + index;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }
}
