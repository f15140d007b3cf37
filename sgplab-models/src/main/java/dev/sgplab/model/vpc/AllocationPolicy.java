package dev.sgplab.model.vpc;

import dev.sgplab.model.names.KebabNames;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Which free address EC2 gives a new network interface. EC2 does not document this, so it is a
 * named option and every result states the policy it assumed.
 */
public enum AllocationPolicy {
    /** Uniformly at random among the free addresses. */
    RANDOM_FREE,
    /** The lowest free address. */
    LOWEST_FREE,
    /** The address released longest ago (never-used addresses first, lowest first). */
    LEAST_RECENTLY_RELEASED,
    /** The address released last (never-used addresses only when none was released). */
    MOST_RECENTLY_RELEASED;

    /** As a scenario names it ({@code subnet.allocation-policy}), in {@link KebabNames} spelling. */
    public static AllocationPolicy fromKey(String key) {
        return KebabNames.parse(AllocationPolicy.class, key, "allocation policy");
    }

    FreePool newPool(RandomGenerator random) {
        return switch (this) {
            case RANDOM_FREE -> new RandomPool(random);
            case LOWEST_FREE -> new LowestPool();
            case LEAST_RECENTLY_RELEASED -> new QueuePool(false);
            case MOST_RECENTLY_RELEASED -> new QueuePool(true);
        };
    }

    /** The free addresses of a subnet, as offsets from its network address. */
    interface FreePool {
        void add(int offset);

        /** Removes and returns the next offset by the policy, or -1 when empty. */
        int take();

        int size();
    }

    private static final class RandomPool implements FreePool {
        private final RandomGenerator random;
        private int[] offsets = new int[64];
        private int size;

        RandomPool(RandomGenerator random) {
            this.random = random;
        }

        @Override
        public void add(int offset) {
            if (size == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, size * 2);
            }
            offsets[size++] = offset;
        }

        @Override
        public int take() {
            if (size == 0) {
                return -1;
            }
            int index = random.nextInt(size);
            int offset = offsets[index];
            offsets[index] = offsets[--size];
            return offset;
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static final class LowestPool implements FreePool {
        private final BitSet free = new BitSet();
        private int size;

        @Override
        public void add(int offset) {
            if (!free.get(offset)) {
                free.set(offset);
                size++;
            }
        }

        @Override
        public int take() {
            int offset = free.nextSetBit(0);
            if (offset >= 0) {
                free.clear(offset);
                size--;
            }
            return offset;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** FIFO for least recently released; LIFO for most recently released. */
    private static final class QueuePool implements FreePool {
        private final ArrayDeque<Integer> released = new ArrayDeque<>();
        private final ArrayDeque<Integer> neverUsed = new ArrayDeque<>();
        private final boolean lifo;
        private boolean initialised;

        QueuePool(boolean lifo) {
            this.lifo = lifo;
        }

        @Override
        public void add(int offset) {
            if (!initialised) {
                neverUsed.addLast(offset); // the subnet seeds us in address order
            } else {
                released.addLast(offset);
            }
        }

        void seeded() {
            initialised = true;
        }

        @Override
        public int take() {
            initialised = true;
            if (lifo) {
                if (!released.isEmpty()) {
                    return released.removeLast();
                }
                return neverUsed.isEmpty() ? -1 : neverUsed.removeFirst();
            }
            if (!neverUsed.isEmpty()) {
                return neverUsed.removeFirst();
            }
            return released.isEmpty() ? -1 : released.removeFirst();
        }

        @Override
        public int size() {
            return released.size() + neverUsed.size();
        }
    }

    static void seedingDone(FreePool pool) {
        if (pool instanceof QueuePool queue) {
            queue.seeded();
        }
    }
}
