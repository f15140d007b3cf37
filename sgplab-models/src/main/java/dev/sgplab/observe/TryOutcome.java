package dev.sgplab.observe;

import dev.sgplab.model.neighbour.Packet;
import java.util.Locale;

/**
 * What became of the replies to one try of a DNS query: delivered to the pod, lost to another MAC,
 * dropped on the CoreDNS node, or not back yet when the lookup ended. {@link #text()} is the one
 * place that words an outcome (results and traces hold these words since the first version);
 * {@link #parse} reads them back.
 */
public sealed interface TryOutcome {
    /** The replies reached the pod. */
    TryOutcome DELIVERED = new Delivered(false);

    /** The words results and traces show. */
    String text();

    /** Whether the replies reached the pod. */
    default boolean delivered() {
        return this instanceof Delivered;
    }

    /**
     * The replies reached the pod. {@code resolvedAfresh}: the node had no usable entry, so the kernel
     * resolved the address by broadcast ARP first (the kernel lab says so; the simulator does not).
     */
    record Delivered(boolean resolvedAfresh) implements TryOutcome {
        private static final String TEXT = "delivered";
        private static final String AFRESH = " (resolved afresh by broadcast ARP)";

        @Override
        public String text() {
            return resolvedAfresh ? TEXT + AFRESH : TEXT;
        }
    }

    /**
     * The node sent the replies to {@code sentTo}, but {@code ip} now belongs to {@code owner} (a MAC),
     * or to nobody when {@code owner} is null.
     */
    record Lost(String sentTo, String ip, String owner) implements TryOutcome {
        private static final String PREFIX = "lost: sent to ";
        private static final String BUT = ", but ";
        private static final String IS_NOW = " is now ";
        private static final String UNOWNED = "unowned";

        @Override
        public String text() {
            return PREFIX + sentTo + BUT + ip + IS_NOW + (owner == null ? UNOWNED : owner);
        }
    }

    /** The node dropped the replies before sending them; {@code reason} is null where it was not kept. */
    record Dropped(Packet.DropReason reason) implements TryOutcome {
        private static final String TEXT = "dropped";

        @Override
        public String text() {
            return reason == null ? TEXT : TEXT + ": " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * The query never reached a server that could answer, so no reply came (a branch-ENI pod under the
     * VPC CNI's strict enforcing mode asking its node's NodeLocal DNSCache); {@code reason} says why.
     */
    record Unanswered(String reason) implements TryOutcome {
        private static final String PREFIX = "unanswered: ";

        @Override
        public String text() {
            return PREFIX + reason;
        }
    }

    /** The lookup ended (answered by another try, or the pod stopped) before this try's replies came. */
    record NoReply() implements TryOutcome {
        private static final String TEXT = "no reply yet";

        @Override
        public String text() {
            return TEXT;
        }
    }

    /**
     * The outcome a result names: the inverse of {@link #text()}.
     *
     * @throws IllegalArgumentException for words that name no outcome
     */
    static TryOutcome parse(String text) {
        if (text.equals(Delivered.TEXT)) {
            return DELIVERED;
        }
        if (text.equals(Delivered.TEXT + Delivered.AFRESH)) {
            return new Delivered(true);
        }
        if (text.equals(NoReply.TEXT)) {
            return new NoReply();
        }
        if (text.equals(Dropped.TEXT)) {
            return new Dropped(null);
        }
        if (text.startsWith(Dropped.TEXT + ": ")) {
            String reason = text.substring(Dropped.TEXT.length() + 2).toUpperCase(Locale.ROOT).replace(' ', '_');
            for (Packet.DropReason r : Packet.DropReason.values()) {
                if (r.name().equals(reason)) {
                    return new Dropped(r);
                }
            }
        }
        if (text.startsWith(Unanswered.PREFIX)) {
            return new Unanswered(text.substring(Unanswered.PREFIX.length()));
        }
        if (text.startsWith(Lost.PREFIX)) {
            int but = text.indexOf(Lost.BUT);
            int isNow = but < 0 ? -1 : text.indexOf(Lost.IS_NOW, but);
            if (but > 0 && isNow > 0) {
                String owner = text.substring(isNow + Lost.IS_NOW.length());
                return new Lost(text.substring(Lost.PREFIX.length(), but), text.substring(but + Lost.BUT.length(), isNow),
                        owner.equals(Lost.UNOWNED) ? null : owner);
            }
        }
        throw new IllegalArgumentException("unknown try outcome '" + text + "'");
    }
}
