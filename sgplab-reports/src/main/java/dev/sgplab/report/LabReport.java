package dev.sgplab.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sgplab.lab.LabFacts;
import dev.sgplab.lab.LabRun;
import java.util.Locale;
import java.util.Map;

/** A lab run in simulate's format, plus what the lab states about the kernel it ran on. */
public final class LabReport {
    private LabReport() {
    }

    /** simulate's document with a "lab" section. */
    public record Document(@JsonUnwrapped SimulateReport.Document run, LabFacts lab) {
    }

    public static String json(LabRun.Result result, long seed, Map<String, String> assumptions, boolean trace) {
        return json(new Document(SimulateReport.document(result.observations(), seed, assumptions, trace),
                result.facts()));
    }

    public static String json(Document document) {
        return Json.write(ResultKind.LAB_RUN, document);
    }

    /** The typed reader of a saved lab run: simulate's keys, and the lab's section. */
    static Document read(SavedResult saved) {
        return new Document(saved.bindWithout("lab", SimulateReport.Document.class), saved.bind("lab", LabFacts.class));
    }

    public static String table(LabRun.Result result, long seed, Map<String, String> assumptions, boolean trace) {
        LabFacts f = result.facts();
        StringBuilder out = new StringBuilder("Kernel lab (" + f.runPrefix() + ")" + System.lineSeparator());
        out.append(SimulateReport.table(result.observations(), seed, assumptions, trace));
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "Kernel %s, time scale %s (1 real s = %s model s)%n", f.kernel(),
                SimulateReport.fmt(f.timeScale()), SimulateReport.fmt(1 / f.timeScale())));
        out.append("Initial namespace, /proc/sys/net/ipv4/neigh/default: ").append(f.hostNeighDefaults())
                .append(System.lineSeparator());
        out.append("DNS nodes' links: ").append(f.dnsNodeNeighSettings()).append(System.lineSeparator());
        out.append("DNS server: ").append(f.dnsServer()).append("; resolver: ").append(f.resolver())
                .append(System.lineSeparator());
        if (!f.guard().isEmpty()) {
            out.append("Guard (the real agent on the DNS nodes): ").append(f.guard()).append(System.lineSeparator());
        }
        if (f.arpCount() != null) {
            out.append("Arp table: ").append(f.arpCount().describe()).append(System.lineSeparator());
            if (!f.arpCount().held()) {
                out.append("Warning: the kernel's arp entry count was not the scenario's for this run (see the line "
                        + "above), so periodic GC may have run when the scenario says it would not, or the other "
                        + "way round: its Error pods do not test the scenario.").append(System.lineSeparator());
            }
        }
        out.append("Timing: ").append(f.lateness().describe()).append(System.lineSeparator());
        if (f.lateness().stretched()) {
            out.append("Warning: the host was too busy for this time scale; the run's timings are stretched "
                    + "(lookups late, reuse gaps longer), so expect fewer Error pods than the scenario gives. "
                    + "Rerun on an idle host or at a larger --time-scale.").append(System.lineSeparator());
        }
        for (String note : f.notes()) {
            out.append("Note: ").append(note).append(System.lineSeparator());
        }
        return out.toString();
    }
}
