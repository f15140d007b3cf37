package dev.sgplab.report;

import dev.sgplab.observe.ProbeObservation;
import dev.sgplab.observe.SeenState;
import dev.sgplab.observe.TryObservation;
import java.util.Locale;

/** `simulate probe` and `lab probe`: one reused IP, in the same form from either backend. */
public final class ProbeReport {
    private ProbeReport() {
    }

    public static String json(ProbeObservation probe) {
        return Json.write(ResultKind.PROBE, probe);
    }

    public static String table(ProbeObservation probe) {
        Table table = new Table("probe (" + probe.backend() + ")", "value");
        table.row("gap before the IP came back (s)", SimulateReport.fmt(probe.gapSeconds()));
        table.row("periodic GC", probe.regime());
        table.row("new owner's lookup", probe.lookup());
        table.row("replies went to the old MAC for (s)", String.format(Locale.ROOT, "%.2f", probe.repliesLostSeconds()));
        table.row("entry states seen", String.join(" -> ", probe.statesSeen().stream().map(SeenState::text).toList()));
        for (TryObservation t : probe.tries()) {
            table.row(String.format(Locale.ROOT, "query %d try %d at %.1f s", t.query() + 1, t.attempt() + 1, t.sentAt()),
                    t.entry().state().shown() + (t.entry().mac() == null ? "" : " " + t.entry().mac()) + " -> "
                            + t.outcome().text());
        }
        return table.render();
    }
}
