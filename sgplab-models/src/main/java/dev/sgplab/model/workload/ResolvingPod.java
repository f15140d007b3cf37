package dev.sgplab.model.workload;

import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.observe.TryObservation;

/** What a lookup needs of a pod: its interface, whether it still runs, and where its tries go. */
public interface ResolvingPod {
    BranchEni eni();

    boolean running();

    void addTry(TryObservation attempt);
}
