package dev.sgplab.model.controller;

import java.util.ArrayDeque;
import java.util.List;

/** The trunk ENI's deleteQueue: FIFO by deletion time stamp, failed deletes go back to the front. */
public final class DeleteQueue {
    private final ArrayDeque<BranchEni> queue = new ArrayDeque<>();

    void push(BranchEni eni) {
        queue.addLast(eni);
    }

    void pushFront(BranchEni eni) {
        queue.addFirst(eni);
    }

    BranchEni pop() {
        return queue.pollFirst();
    }

    public int size() {
        return queue.size();
    }

    public List<BranchEni> snapshot() {
        return List.copyOf(queue);
    }
}
