package dev.sgplab.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sgplab.lab.Preflight;
import org.junit.jupiter.api.Assumptions;

/** Lab tests need root and the lab's tools. Under CI they must run: a missing piece fails them. */
final class LabAvailability {
    private LabAvailability() {
    }

    static void require() {
        String problem = Preflight.whyUnavailable();
        if (problem == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("the lab tests must run under CI, but: " + problem);
        }
        Assumptions.abort("lab not available here: " + problem);
    }
}
