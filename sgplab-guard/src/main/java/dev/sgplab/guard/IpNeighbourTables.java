package dev.sgplab.guard;

import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.observe.IpNeighEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's neighbour tables through iproute2: {@code ip -j neigh show} to read,
 * {@code ip neigh replace IP lladdr MAC nud stale dev DEV} or {@code ip neigh del IP dev DEV} to
 * repair — on the host, or inside a network namespace ({@code ip -n NS}). Needs CAP_NET_ADMIN.
 */
public final class IpNeighbourTables implements NeighbourTables {
    private final String ip;
    private final String namespace;

    /** @param namespace a network namespace name, or null for the agent's own */
    public IpNeighbourTables(String ipCommand, String namespace) {
        this.ip = ipCommand;
        this.namespace = namespace;
    }

    @Override
    public String name() {
        return namespace == null ? "host" : namespace;
    }

    @Override
    public List<IpNeighEntry> all() {
        return IpNeighbourJson.parse(run(command("-j", "neigh", "show")), null);
    }

    @Override
    public List<IpNeighEntry> forIp(String address) {
        return IpNeighbourJson.parse(run(command("-j", "neigh", "show", "to", address)), null);
    }

    @Override
    public void apply(GuardRules.Repair repair) {
        if (repair.action() == GuardRules.Action.REPLACE) {
            run(command("neigh", "replace", repair.ip(), "lladdr", repair.ownerMac(), "nud", "stale", "dev",
                    repair.device()));
        } else {
            run(command("neigh", "del", repair.ip(), "dev", repair.device()));
        }
    }

    private List<String> command(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(ip);
        if (namespace != null) {
            argv.add("-n");
            argv.add(namespace);
        }
        argv.addAll(List.of(args));
        return argv;
    }

    private static String run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + ": no answer in 10 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
