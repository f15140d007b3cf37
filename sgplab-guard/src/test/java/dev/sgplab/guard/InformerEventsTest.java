package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerEventsTest {

    @Test
    void addsAndUpdatesGiveTheObjectAsItIsNowAndBothKindsOfDeleteGiveTheDeletedOne() {
        List<String> heard = new ArrayList<>();
        ResourceEventHandler<String> handler = InformerEvents.of(o -> heard.add("now " + o), o -> heard.add("gone " + o));
        handler.onAdd("a1");
        handler.onUpdate("a1", "a2");
        handler.onDelete("a2", false);
        handler.onDelete("b1", true); // missed by the watch, found missing by the re-list
        assertThat(heard).containsExactly("now a1", "now a2", "gone a2", "gone b1");
    }
}
