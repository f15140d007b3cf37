package dev.sgplab.cluster;

/**
 * One churn pod as the harness saw it through its watch: times in seconds on the harness's clock
 * from the start of the run (NaN until seen). The branch ENI is "ready" when the controller's
 * pod-eni annotation first appears; the pod "ended" when its phase first showed Succeeded or
 * Failed — about when the controller, watching the same pods, queues the ENI for deletion.
 */
public record ChurnPodRecord(String name, double createdAt, String node, String ip, String mac,
        String eniId, double branchReadyAt, double endedAt, String status, double containerRunSeconds) {

    public boolean hasBranchEni() {
        return ip != null;
    }

    public boolean ended() {
        return status != null;
    }

    ChurnPodRecord withBranch(String ip, String mac, String eniId, double at) {
        return new ChurnPodRecord(name, createdAt, node, ip, mac, eniId, at, endedAt, status,
                containerRunSeconds);
    }

    ChurnPodRecord withNode(String node) {
        return new ChurnPodRecord(name, createdAt, node, ip, mac, eniId, branchReadyAt, endedAt, status,
                containerRunSeconds);
    }

    ChurnPodRecord withEnd(String status, double at, double containerRunSeconds) {
        return new ChurnPodRecord(name, createdAt, node, ip, mac, eniId, branchReadyAt, at, status,
                containerRunSeconds);
    }
}
