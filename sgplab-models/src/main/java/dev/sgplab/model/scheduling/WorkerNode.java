package dev.sgplab.model.scheduling;

/** A worker node as kube-scheduler sees it for SGPP pods: a name and how many such pods it holds. */
public final class WorkerNode {
    private final int index;
    private final String name;
    int sgppPods;

    WorkerNode(int index) {
        this.index = index;
        this.name = ("node-" + index).intern(); // the controller's trunks use the same objects (ControlPlane)
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public int sgppPods() {
        return sgppPods;
    }
}
