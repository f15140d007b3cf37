package dev.sgplab.model.names;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The names by which a scenario selects one of a model's options: an enum constant's name in kebab
 * case ({@code LEAST_RECENTLY_RELEASED} is {@code least-recently-released}), the spelling scenario
 * keys and the real systems' settings use. One reading for every such option, so that a new
 * constant is accepted, listed in the error and written back the same way.
 */
public final class KebabNames {
    private KebabNames() {
    }

    /** The constant's name as a scenario writes it. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every constant's name, in declaration order. */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(KebabNames::of).toList();
    }

    /** The names a user may give, for an error: "a, b or c". */
    public static <E extends Enum<E>> String allowed(Class<E> type) {
        List<String> names = all(type);
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The constant named so; empty for an unknown name or none (names are matched exactly, case included). */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(name)).findFirst();
    }

    /**
     * The constant named so, or an IllegalArgumentException "unknown {what} 'name' (expected a, b
     * or c)".
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        return find(type, name).orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + name
                + "' (expected " + allowed(type) + ")"));
    }
}
