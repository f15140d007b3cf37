package dev.sgplab.scenario;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known key nearest to a mistyped one, by edit distance over the whole dotted
 * path, or the key whose last part was given without (or under the wrong) section. None when
 * nothing is close, so that a far-off guess never misleads.
 */
public final class NearestKey {
    private NearestKey() {
    }

    public static Optional<String> to(String typed, Collection<String> known) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        String leaf = wanted.substring(wanted.lastIndexOf('.') + 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = distance(wanted, key.toLowerCase(Locale.ROOT));
            if (key.substring(key.lastIndexOf('.') + 1).equalsIgnoreCase(leaf)) {
                distance = Math.min(distance, 1); // the right key under the wrong section, or none
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = key;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= Math.max(2, typed.length() / 4)
                ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'key'?)" or nothing: to end a message with. */
    public static String hint(String typed, Collection<String> known) {
        return to(typed, known).map(key -> " (did you mean '" + key + "'?)").orElse("");
    }

    /** Levenshtein distance, with an adjacent swap counting as one edit (a common typo). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
