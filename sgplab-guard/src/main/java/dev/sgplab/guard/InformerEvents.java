package dev.sgplab.guard;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/**
 * An informer's notifications as the two a watcher of objects acts on: the object as it now is
 * (added, updated, or listed again after a dropped watch, which fabric8 delivers as add or update)
 * and the object deleted. A delete whose final state is unknown (the watch missed it and the
 * re-list no longer has the object) is a delete too: the object is gone either way.
 */
public final class InformerEvents {
    private InformerEvents() {
    }

    public static <T> ResourceEventHandler<T> of(Consumer<T> current, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                current.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                current.accept(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                deleted.accept(object);
            }
        };
    }
}
