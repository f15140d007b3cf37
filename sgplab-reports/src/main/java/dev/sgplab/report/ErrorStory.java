package dev.sgplab.report;

import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.PreviousOwner;
import dev.sgplab.observe.TryObservation;
import java.util.Locale;
import java.util.Objects;

/** Tells why one pod ended Error, from its observation alone (so any backend's pods can be told). */
public final class ErrorStory {
    private ErrorStory() {
    }

    public static String tell(PodObservation pod) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  %s  ip %s  mac %s  on %s%n", pod.name(), pod.phase(), pod.ip(),
                pod.mac(), pod.node()));
        PreviousOwner previous = pod.previousOwner();
        if (previous == null) {
            out.append("  first owner of this IP in the run").append(System.lineSeparator());
        } else {
            out.append(String.format(Locale.ROOT,
                    "  previous owner %s (mac %s) ended at %s s; its branch ENI was deleted at %s s; "
                            + "this pod's ENI was ready at %s s (reuse gap %s s)%n",
                    previous.pod(), previous.mac(), t(previous.endedAt()), t(previous.eniDeletedAt()),
                    t(pod.branchReadyAt()), t(previous.gapSeconds())));
        }
        for (TryObservation attempt : pod.tries()) {
            EntrySnapshot entry = attempt.entry();
            out.append(String.format(Locale.ROOT, "  query %d try %d at %s s -> CoreDNS replica %d on %s: entry %s -> %s%n",
                    attempt.query() + 1, attempt.attempt() + 1, t(attempt.sentAt()), attempt.replica(), entry.node(),
                    describe(entry, previous), attempt.outcome()));
            for (EntrySnapshot other : attempt.otherNodes()) {
                out.append(String.format(Locale.ROOT, "      (%s: entry %s)%n", other.node(), describe(other, previous)));
            }
        }
        if (pod.failed() && pod.tries().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  lookup failed: the container exited non-zero, seen at %s s "
                    + "(a cluster does not show the tries)%n", t(pod.endedAt())));
        } else if (pod.failed()) {
            boolean lastArrived = !pod.tries().isEmpty()
                    && pod.tries().get(pod.tries().size() - 1).outcome().startsWith(TryObservation.DELIVERED);
            out.append(String.format(Locale.ROOT, "  lookup failed at %s s: %s%n", t(pod.endedAt()), lastArrived
                    ? "the query that got through was answered NXDOMAIN (after a timeout glibc tries the name as is)"
                    : "no try got all its replies"));
        }
        return out.toString();
    }

    private static String describe(EntrySnapshot entry, PreviousOwner previous) {
        if (entry == null || "none".equals(entry.state())) {
            return "absent";
        }
        String mac = entry.mac() == null ? "" : " " + entry.mac();
        String whose = previous != null && Objects.equals(entry.mac(), previous.mac()) ? " (previous owner's MAC)" : "";
        return entry.state() + mac + whose;
    }

    private static String t(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.1f", seconds);
    }
}
