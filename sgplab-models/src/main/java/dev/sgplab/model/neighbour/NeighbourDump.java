package dev.sgplab.model.neighbour;

import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A table as {@code ip neigh show} prints it: {@code IP dev DEV lladdr MAC STATE}, without lladdr
 * when the entry holds no valid address (INCOMPLETE, FAILED). Lines are sorted by device, then IP,
 * so dumps compare line by line with the kernel lab's.
 */
public final class NeighbourDump {
    private NeighbourDump() {
    }

    public static List<String> lines(NeighbourTable table) {
        List<NeighbourEntry> entries = new ArrayList<>();
        for (NeighbourDevice device : table.devices()) {
            entries.addAll(device.entries());
        }
        entries.sort(Comparator.comparing((NeighbourEntry e) -> e.device().name())
                .thenComparing(e -> Integer.toUnsignedLong(e.ip())));
        List<String> lines = new ArrayList<>(entries.size());
        for (NeighbourEntry entry : entries) {
            lines.add(line(entry));
        }
        return lines;
    }

    public static String line(NeighbourEntry entry) {
        StringBuilder line = new StringBuilder();
        line.append(Ipv4.format(entry.ip())).append(" dev ").append(entry.device().name());
        if (entry.state().valid() && entry.mac() != MacAddress.NONE) {
            line.append(" lladdr ").append(MacAddress.format(entry.mac()));
        }
        line.append(' ').append(entry.state().name());
        return line.toString();
    }
}
