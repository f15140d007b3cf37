package dev.sgplab.guard;

import dev.sgplab.model.guard.GuardRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kernel's neighbour tables through iproute2: {@code ip -j neigh show} to read,
 * {@code ip neigh replace IP lladdr MAC nud stale dev DEV} or {@code ip neigh del IP dev DEV} to
 * repair — on the host, or inside a network namespace ({@code ip -n NS}). Needs CAP_NET_ADMIN.
 */
public final class IpNeighbourTables implements NeighbourTables {
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    public List<GuardRules.Entry> all() {
        return parse(run(command("-j", "neigh", "show")));
    }

    @Override
    public List<GuardRules.Entry> forIp(String address) {
        return parse(run(command("-j", "neigh", "show", "to", address)));
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

    /** `ip -j neigh` output as entries; IPv6 and entries without a device are skipped. */
    static List<GuardRules.Entry> parse(String json) {
        List<GuardRules.Entry> entries = new ArrayList<>();
        JsonNode list = JSON.readTree(json.isBlank() ? "[]" : json);
        for (JsonNode node : list) {
            String dst = node.path("dst").asString("");
            if (dst.isEmpty() || dst.contains(":") || !node.has("dev")) {
                continue;
            }
            JsonNode state = node.path("state");
            String stateName = state.isArray() && !state.isEmpty() ? state.get(0).asString() : "NONE";
            JsonNode lladdr = node.get("lladdr");
            entries.add(new GuardRules.Entry(dst, node.get("dev").asString(), stateName,
                    lladdr == null ? null : lladdr.asString()));
        }
        return entries;
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
