package dev.sgplab.model.workload;

import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.observe.TryObservation;

/**
 * What a lookup needs of a pod: its interface, whether it still runs, its resolver and the name
 * it resolves now, and where its tries go.
 */
public interface ResolvingPod {
    BranchEni eni();

    boolean running();

    ResolverProfile resolver();

    String lookupName();

    void addTry(TryObservation attempt);
}
