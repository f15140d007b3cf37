package dev.sgplab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which signal each soak run gets and where: every (signal, phase) pair equally often, in a
 * seeded order, each at a seeded point of its phase (a fraction of the phase's length as the
 * calibration run measured it). The same seed gives the same plan.
 */
public final class SoakPlan {
    /** The signals a lab run may get: Ctrl-C, a service manager's stop, the OOM killer's. */
    public enum Signal {
        INT, TERM, KILL
    }

    /** Where in a lab run the signal is aimed (and, when it lands, where it hit). */
    public enum Phase {
        STARTING("starting"), SET_UP("set-up"), MID_RUN("mid-run"), TEARDOWN("teardown"), REMOVED("after teardown"),
        EXITED("after exit");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The phases a fault is aimed at. */
    static final List<Phase> AIMED = List.of(Phase.SET_UP, Phase.MID_RUN, Phase.TEARDOWN);

    /** One run's fault: the signal, the phase aimed at and the fraction of it to wait first. */
    public record Fault(int run, Signal signal, Phase aim, double fraction) {
    }

    private SoakPlan() {
    }

    public static List<Fault> of(int runs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Fault> faults = new ArrayList<>(runs);
        List<int[]> block = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (block.isEmpty()) {
                block = shuffledPairs(random);
            }
            int[] pair = block.remove(block.size() - 1);
            faults.add(new Fault(i + 1, Signal.values()[pair[0]], AIMED.get(pair[1]), random.nextDouble()));
        }
        return faults;
    }

    /**
     * All nine (signal, phase) pairs as three rounds of three, each round giving every signal and
     * every phase once (a Latin square), rounds and pairs in a random order: so the first three
     * runs already try each signal and each phase, and any nine consecutive runs try every pair.
     */
    private static List<int[]> shuffledPairs(SplittableRandom random) {
        List<Integer> shifts = shuffled(List.of(0, 1, 2), random);
        List<int[]> pairs = new ArrayList<>();
        for (int shift : shifts) {
            for (int signal : shuffled(List.of(0, 1, 2), random)) {
                pairs.add(new int[] {signal, (signal + shift) % AIMED.size()});
            }
        }
        java.util.Collections.reverse(pairs); // taken from the end
        return pairs;
    }

    private static List<Integer> shuffled(List<Integer> items, SplittableRandom random) {
        List<Integer> list = new ArrayList<>(items);
        for (int i = list.size() - 1; i > 0; i--) {
            java.util.Collections.swap(list, i, random.nextInt(i + 1));
        }
        return list;
    }
}
