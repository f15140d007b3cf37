package dev.sgplab.report;

import dev.sgplab.observe.ProbeObservation;
import java.util.Locale;

/** `simulate probe` and `lab probe`: one reused IP, in the same form from either backend. */
public final class ProbeReport {
    private ProbeReport() {
    }

    public static String json(ProbeObservation probe) {
        return Json.write(probe);
    }

    public static String table(ProbeObservation probe) {
        Table table = new Table("probe (" + probe.backend() + ")", "value");
        table.row("gap before the IP came back (s)", SimulateReport.fmt(probe.gapSeconds()));
        table.row("periodic GC", probe.regime());
        table.row("new owner's lookup", probe.lookup());
        table.row("replies went to the old MAC for (s)", String.format(Locale.ROOT, "%.2f", probe.repliesLostSeconds()));
        table.row("entry states seen", String.join(" -> ", probe.statesSeen()));
        return table.render();
    }
}
