package dev.sgplab.report;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.PreviousOwner;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.observe.TryOutcome;
import java.util.Locale;
import java.util.Objects;

/** Tells why one pod ended Error, from its observation alone (so any backend's pods can be told). */
public final class ErrorStory {
    /** What the numbers in a story's lines mean. */
    public static final String LEGEND = "How to read a story: \"query N\" is the N-th name the pod's resolver asks "
            + "for. With ndots:5 a name with fewer dots is tried with each search domain appended first "
            + "(kubernetes.default.default.svc.cluster.local, then kubernetes.default.svc.cluster.local, ...), but "
            + "once a query times out glibc stops walking the list and asks for the name as it is. \"try M\" is the "
            + "M-th send of that query (resolv.conf attempts), each waiting up to the timeout for its replies (A and "
            + "AAAA). The entry is the neighbour (ARP) entry for the pod's IP on the node of the CoreDNS replica that "
            + "answered, just before its reply went out.";

    /** Why pods ended Error, as the summary groups them. */
    enum Cause {
        OLD_MAC("replies went to the previous owner's MAC (a stale neighbour entry on a CoreDNS node)"),
        OTHER_MAC("replies went to a MAC that is not the pod's, nor its IP's previous owner's"),
        DROPPED("replies were dropped on a CoreDNS node (entry unresolved)"),
        NXDOMAIN("the query that got through asked for a name that does not exist (after a timeout)"),
        UNSEEN("the container failed; the tries are not observable (a real cluster)"),
        OTHER("no try got all its replies, for another reason");

        final String description;

        Cause(String description) {
            this.description = description;
        }
    }

    private ErrorStory() {
    }

    /** The cause of one Error pod: the first loss among its tries decides. */
    static Cause cause(PodObservation pod) {
        if (pod.tries().isEmpty()) {
            return Cause.UNSEEN;
        }
        PreviousOwner previous = pod.previousOwner();
        for (TryObservation attempt : pod.tries()) {
            if (attempt.outcome() instanceof TryOutcome.Lost) {
                EntrySnapshot entry = attempt.entry();
                boolean old = previous != null && entry != null && Objects.equals(entry.mac(), previous.mac());
                return old ? Cause.OLD_MAC : Cause.OTHER_MAC;
            }
            if (attempt.outcome() instanceof TryOutcome.Dropped) {
                return Cause.DROPPED;
            }
        }
        TryObservation last = pod.tries().get(pod.tries().size() - 1);
        return last.outcome().delivered() ? Cause.NXDOMAIN : Cause.OTHER;
    }

    /** The summary a trace ends with: how many Error pods, grouped by cause, and their reuse gaps. */
    public static String summary(java.util.List<PodObservation> pods) {
        java.util.List<PodObservation> failed = pods.stream().filter(PodObservation::failed).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Summary of causes: %d Error pod%s of %d%n", failed.size(),
                failed.size() == 1 ? "" : "s", pods.size()));
        java.util.Map<Cause, Long> counts = new java.util.EnumMap<>(Cause.class);
        failed.forEach(p -> counts.merge(cause(p), 1L, Long::sum));
        counts.forEach((cause, n) -> out.append(String.format(Locale.ROOT, "  %3d  %s%n", n, cause.description)));
        double[] gaps = failed.stream().filter(p -> p.previousOwner() != null)
                .mapToDouble(p -> p.previousOwner().gapSeconds()).filter(g -> !Double.isNaN(g)).sorted().toArray();
        if (gaps.length > 0) {
            out.append(String.format(Locale.ROOT, "  %d of them had reused an IP, with reuse gaps from %s to %s%n", gaps.length,
                    Numbers.seconds(gaps[0]), Numbers.seconds(gaps[gaps.length - 1])));
        }
        return out.toString();
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
            if (entry != null && dev.sgplab.model.dns.NodeLocalCache.INTERFACE.equals(entry.device())) { // no CoreDNS node's entry
                out.append(String.format(Locale.ROOT, "  query %d try %d at %s s -> the node-local cache on %s -> %s%n",
                        attempt.query() + 1, attempt.attempt() + 1, t(attempt.sentAt()), entry.node(), attempt.outcome().text()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "  query %d try %d at %s s -> CoreDNS replica %d on %s: entry %s -> %s%n",
                    attempt.query() + 1, attempt.attempt() + 1, t(attempt.sentAt()), attempt.replica(), entry.node(),
                    describe(entry, previous), attempt.outcome().text()));
            for (EntrySnapshot other : attempt.otherNodes()) {
                out.append(String.format(Locale.ROOT, "      (%s: entry %s)%n", other.node(), describe(other, previous)));
            }
        }
        if (pod.failed() && pod.tries().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  lookup failed: the container exited non-zero, seen at %s s "
                    + "(a cluster does not show the tries)%n", t(pod.endedAt())));
        } else if (pod.failed()) {
            boolean lastArrived = !pod.tries().isEmpty()
                    && pod.tries().get(pod.tries().size() - 1).outcome().delivered();
            out.append(String.format(Locale.ROOT, "  lookup failed at %s s: %s%n", t(pod.endedAt()), lastArrived
                    ? "the query that got through was answered NXDOMAIN (after a timeout glibc tries the name as is)"
                    : "no try got all its replies"));
        }
        return out.toString();
    }

    private static String describe(EntrySnapshot entry, PreviousOwner previous) {
        if (entry == null || entry.state() == NudState.ABSENT) {
            return "absent";
        }
        String mac = entry.mac() == null ? "" : " " + entry.mac();
        String whose = previous != null && Objects.equals(entry.mac(), previous.mac()) ? " (previous owner's MAC)" : "";
        return entry.state().shown() + mac + whose;
    }

    private static String t(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.1f", seconds);
    }
}
