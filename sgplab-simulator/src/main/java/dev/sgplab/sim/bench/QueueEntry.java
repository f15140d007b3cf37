package dev.sgplab.sim.bench;

/** What a bare PriorityQueue holds in the benchmarks: (time, sequence), the engine's ordering. */
public record QueueEntry(long time, long sequence) implements Comparable<QueueEntry> {
    @Override
    public int compareTo(QueueEntry o) {
        int c = Long.compare(time, o.time);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
