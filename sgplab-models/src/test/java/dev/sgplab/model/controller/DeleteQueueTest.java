package dev.sgplab.model.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeleteQueueTest {

    /**
     * Against an ArrayDeque under random pushes at the back, pushes back to the front and pops (the
     * ring wraps and grows): the same ENIs in the same order, and the head's stamp is the head ENI's.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void behavesAsADequeAndKeepsEachStampBesideItsEni(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DeleteQueue queue = new DeleteQueue();
        ArrayDeque<BranchEni> reference = new ArrayDeque<>();
        for (int op = 0; op < 20_000; op++) {
            int choice = random.nextInt(10);
            if (choice < 5) {
                BranchEni eni = new BranchEni("eni-" + op, op, op, 1, "pod-" + op);
                eni.stampDeletion(random.nextLong(0, 1L << 40));
                queue.push(eni);
                reference.addLast(eni);
            } else if (choice < 6 && !reference.isEmpty()) {
                BranchEni eni = reference.pollFirst();
                assertThat(queue.pop()).isSameAs(eni);
                queue.pushFront(eni); // a failed delete goes back
                reference.addFirst(eni);
            } else {
                assertThat(queue.pop()).isSameAs(reference.pollFirst());
            }
            assertThat(queue.size()).isEqualTo(reference.size());
            if (!reference.isEmpty()) {
                assertThat(queue.headStamp()).isEqualTo(reference.peekFirst().deletionTimeStamp());
            }
        }
        assertThat(queue.snapshot()).containsExactlyElementsOf(reference);
    }
}
