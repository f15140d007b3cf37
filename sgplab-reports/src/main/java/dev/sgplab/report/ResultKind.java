package dev.sgplab.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a result document is, as its first two keys say: {@code "kind"} and the format
 * {@code "version"} (as Caffeine's simulator tags its PolicyStats). A reader dispatches on the kind
 * and refuses a version it does not know, instead of guessing the kind from the other keys.
 *
 * <p>Bump a kind's version when a key of its document is renamed, removed or changes meaning;
 * adding a key does not need a bump. {@code merge} writes a {@link #SWEEP}; {@code simulate probe}
 * and {@code lab probe} both write a {@link #PROBE} (its {@code backend} says which).
 */
public enum ResultKind {
    SIMULATE("simulate", 1),
    PROBE("probe", 1),
    REPRODUCE("reproduce", 1),
    SWEEP("sweep", 1),
    ADVICE("advise", 1),
    LAB_RUN("lab-run", 1),
    LAB_COMPARE("lab-compare", 1),
    CLUSTER_RUN("cluster-run", 1),
    BENCH("bench", 1);

    private final String id;
    private final int version;

    ResultKind(String id, int version) {
        this.id = id;
        this.version = version;
    }

    /** The value of the document's "kind" key. */
    public String id() {
        return id;
    }

    /** The format version this sgplab writes and reads. */
    public int version() {
        return version;
    }

    public static Optional<ResultKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id + " v" + version;
    }
}
