package dev.sgplab.model.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trunk ENI's deleteQueue: FIFO by deletion time stamp, failed deletes go back to the front.
 *
 * <p>Each ENI's deletionTimeStamp is kept beside it, so the delete loop decides whether the head has
 * cooled down without reading the ENI: most passes find it has not (they run every 30 s while the
 * queue holds anything), and the ENI itself, queued a minute ago, is no longer in the CPU's caches.
 */
public final class DeleteQueue {
    private BranchEni[] enis = new BranchEni[8];
    private long[] stamps = new long[8];
    /** Index of the head; the queue runs from here, wrapping around. */
    private int head;
    private int size;

    void push(BranchEni eni) {
        if (size == enis.length) {
            grow();
        }
        int tail = (head + size) & (enis.length - 1);
        enis[tail] = eni;
        stamps[tail] = eni.deletionTimeStamp();
        size++;
    }

    void pushFront(BranchEni eni) {
        if (size == enis.length) {
            grow();
        }
        head = (head - 1) & (enis.length - 1);
        enis[head] = eni;
        stamps[head] = eni.deletionTimeStamp();
        size++;
    }

    /** The head's deletionTimeStamp; the queue must not be empty. */
    long headStamp() {
        return stamps[head];
    }

    /** Removes and returns the head, or null when empty. */
    BranchEni pop() {
        if (size == 0) {
            return null;
        }
        BranchEni eni = enis[head];
        enis[head] = null;
        head = (head + 1) & (enis.length - 1);
        size--;
        return eni;
    }

    public int size() {
        return size;
    }

    public List<BranchEni> snapshot() {
        List<BranchEni> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(enis[(head + i) & (enis.length - 1)]);
        }
        return List.copyOf(list);
    }

    /** Doubles the arrays, the queue unwrapped to start at 0. */
    private void grow() {
        BranchEni[] oldEnis = enis;
        long[] oldStamps = stamps;
        enis = new BranchEni[oldEnis.length * 2];
        stamps = new long[oldStamps.length * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (oldEnis.length - 1);
            enis[i] = oldEnis[from];
            stamps[i] = oldStamps[from];
        }
        head = 0;
    }
}
