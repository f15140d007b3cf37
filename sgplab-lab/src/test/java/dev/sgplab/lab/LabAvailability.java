package dev.sgplab.lab;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The kernel lab's integration tests (*IT) need root and the lab's tools. Under CI they must run: a
 * missing piece fails them; elsewhere they are aborted with the reason, which the test report shows.
 * Shared with the CLI's lab tests through this module's test jar.
 */
public final class LabAvailability {
    private LabAvailability() {
    }

    public static void require() {
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
