package dev.sgplab.report;

import java.util.Arrays;
import java.util.Locale;
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
    SIMULATE(1), PROBE(1), REPRODUCE(1), SWEEP(1), ADVISE(1), LAB_RUN(1), LAB_COMPARE(1), CLUSTER_RUN(1), BENCH(1);

    private final int version;

    ResultKind(int version) {
        this.version = version;
    }

    /** The value of the document's "kind" key: the command that writes it, "lab-run" for LAB_RUN. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The format version this sgplab writes and reads. */
    public int version() {
        return version;
    }

    public static Optional<ResultKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id() + " v" + version;
    }
}
