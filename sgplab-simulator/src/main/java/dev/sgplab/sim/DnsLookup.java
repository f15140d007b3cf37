package dev.sgplab.sim;

import dev.sgplab.engine.Cancellable;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.dns.NodeLocalCache;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.dns.SearchWalk;
import dev.sgplab.model.neighbour.NeighbourDevice;
import dev.sgplab.model.neighbour.NeighbourEntry;
import dev.sgplab.model.neighbour.Packet;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.workload.ResolvingPod;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.observe.TryOutcome;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One pod's name lookup at start: queries one after another as the resolver walks its search list
 * ({@link SearchWalk}), each sent up to {@code attempts} times by the resolver's schedule and
 * answered by a CoreDNS replica whose node sends the replies through its neighbour entry for the
 * pod's IP. A query times out when its deadline passes without all replies of one try arriving.
 * With NodeLocal DNSCache the tries go to the cache on the pod's node instead ({@link DnsPath.Route}).
 */
final class DnsLookup {
    private final DnsPath run;
    private final ResolvingPod pod;
    private final String podNode;
    private final Consumer<Boolean> done;
    /** The pod's own resolver and the name it resolves now (workloads differ). */
    private final ResolverProfile resolver;
    private final String name;
    private final long[] tryOffsets;
    private final int repliesPerTry;
    private final SearchWalk walk;
    private int query = -1;
    private boolean queryAnswered;
    private int replica;
    /** Replies of the current query's tries so far (one array for all the lookup's queries). */
    private final int[] repliesArrived;
    /** Time spent waiting for retries: the answered try's offset, or a timed-out query's deadline. */
    private long waited;
    /** Whether this query's timers can be queued one at a time (see {@link #startQuery}). */
    private final boolean timersInTimeOrder;
    /** The query's timers queued so far (cancelling one that has run does nothing). */
    private final List<Cancellable> pending = new ArrayList<>(4);
    private final List<TryRecord> records = new ArrayList<>(); // no array until a try is kept

    DnsLookup(DnsPath run, ResolvingPod pod, Consumer<Boolean> done) {
        this(run, pod, null, done);
    }

    /** @param podNode the pod's node, whose NodeLocal DNSCache it asks when the scenario runs one */
    DnsLookup(DnsPath run, ResolvingPod pod, String podNode, Consumer<Boolean> done) {
        this.run = run;
        this.pod = pod;
        this.podNode = podNode;
        this.done = done;
        this.resolver = pod.resolver();
        this.name = pod.lookupName();
        DnsPath.Resolving resolving = run.resolving(resolver);
        this.tryOffsets = resolving.tryOffsets;
        this.walk = new SearchWalk(resolver, resolving.walkPlan(name));
        this.repliesPerTry = resolver.oneSocketPerLookup()
                ? resolver.repliesPerTry() * walk.busyboxBatch().size()
                : resolver.repliesPerTry();
        this.timersInTimeOrder = resolving.timersInTimeOrder;
        this.repliesArrived = new int[tryOffsets.length];
    }

    void start() {
        replica = run.pickReplica();
        startQuery(0);
    }

    private void startQuery(int q) {
        if (q > 0 && run.plan().replicaChoice() == Scenario.ReplicaChoice.PER_QUERY
                && !resolver.oneSocketPerLookup()) {
            replica = run.pickReplica(); // a new socket, a new conntrack flow
        }
        query = q;
        queryAnswered = false;
        Arrays.fill(repliesArrived, 0);
        // The query's timers (its tries, then its deadline) rank among other events as if all were
        // queued now (a reserved series of sequence numbers), but each is queued only when the one
        // before it has run: a query answered by its first try then leaves one cancelled timer in
        // the event queue, not all of them. Same order of events, same results.
        pending.clear();
        long start = run.scheduler().now();
        Scheduler.Series timers = run.scheduler().series(tryOffsets.length + 1);
        if (timersInTimeOrder) {
            queueTimer(timers, start, q, 0, true);
        } else {
            for (int timer = 0; timer <= tryOffsets.length; timer++) {
                queueTimer(timers, start, q, timer, false);
            }
        }
    }

    /** Timer {@code index} of query {@code q} started at {@code start}: a try, or the deadline after the last. */
    private void queueTimer(Scheduler.Series timers, long start, int q, int index, boolean chained) {
        if (index < tryOffsets.length) {
            pending.add(timers.scheduleNext(start + tryOffsets[index], () -> {
                if (chained) {
                    queueTimer(timers, start, q, index + 1, true);
                }
                sendTry(q, index);
            }));
        } else {
            pending.add(timers.scheduleNext(start + resolver.queryDeadline(), () -> deadline(q)));
        }
    }

    private void sendTry(int q, int attempt) {
        if (attempt > 0 && run.plan().replicaChoice() == Scenario.ReplicaChoice.PER_TRY
                && !resolver.oneSocketPerLookup()) {
            replica = run.pickReplica();
        }
        TryRecord record = new TryRecord(q, attempt, run.scheduler().now(), replica);
        if (run.keepsPodDetails()) {
            records.add(record); // the pod's tries, for its details; the replies hold their record
        }
        switch (run.route()) {
            case COREDNS -> {
                long toServer = run.plan().networkLatency() + run.plan().serverLatency();
                run.scheduler().scheduleAfter(toServer, () -> serverReplies(record));
            }
            case NODE_LOCAL_CACHE -> askNodeLocalCache(record);
            case NODE_LOCAL_UNREACHABLE -> {
                record.entry = cacheSnapshot();
                record.note(new TryOutcome.Unanswered("strict mode sends the query to the node-local cache out of the "
                        + "branch ENI, and the VPC does not deliver it"));
            }
        }
    }

    /**
     * The cache answers at once from its entries, or after asking upstream for the names it lacks (the
     * answer is stored as of the query's time: a lookup within that sub-millisecond gap would count a
     * hit early). Its replies come over the pod's host veth: delivered.
     */
    private void askNodeLocalCache(TryRecord record) {
        NodeLocalCache cache = run.cacheOn(podNode);
        long now = run.scheduler().now();
        long latency = DnsPath.ON_NODE_LATENCY + run.plan().serverLatency();
        long upstream = 0;
        List<String> candidates = resolver.oneSocketPerLookup() ? walk.busyboxBatch() : List.of(walk.current());
        for (String candidate : candidates) {
            if (!cache.lookup(candidate, now)) {
                cache.store(candidate, run.answers(resolver, name, candidate), now);
                upstream = Math.max(upstream, run.upstreamLatency(cache.forwardsToCoreDns(candidate)));
            }
        }
        record.entry = cacheSnapshot();
        run.scheduler().scheduleAfter(latency + upstream + DnsPath.ON_NODE_LATENCY, () -> {
            record.note(TryOutcome.DELIVERED);
            for (int i = 0; i < repliesPerTry; i++) {
                replyArrived(record, null);
            }
        });
    }

    /** No CoreDNS node's entry is involved: the node-local cache on the pod's node is asked. */
    private EntrySnapshot cacheSnapshot() {
        return EntrySnapshot.absent(podNode == null ? "the pod's node" : podNode, NodeLocalCache.INTERFACE);
    }

    /** CoreDNS answers: each reply goes out through the node's neighbour entry for the pod's IP. */
    private void serverReplies(TryRecord record) {
        SimNode node = run.corednsNode(record.replica);
        NeighbourDevice device = node.eth0;
        int ip = pod.eni().ip();
        if (run.keepsPodDetails()) {
            record.entry = snapshot(node, device.lookup(ip));
        }
        if (run.tracing()) {
            record.otherNodes = run.otherCorednsSnapshots(node, ip);
        }
        for (int i = 0; i < repliesPerTry; i++) {
            device.output(ip, new Reply(record, device));
        }
    }

    static EntrySnapshot snapshot(SimNode node, NeighbourEntry entry) {
        if (entry == null) {
            return EntrySnapshot.absent(node.name, "eth0");
        }
        // as ip neigh shows it: no lladdr unless the entry holds a valid one (not INCOMPLETE, FAILED)
        return new EntrySnapshot(node.name, "eth0", entry.state(),
                entry.mac() == MacAddress.NONE || !entry.state().valid() ? null : MacAddress.format(entry.mac()));
    }

    /** @param device the CoreDNS node's device the reply left through; null for the node-local cache */
    private void replyArrived(TryRecord record, NeighbourDevice device) {
        if (run.plan().tcp() && device != null) {
            device.confirm(pod.eni().ip()); // the pod's ACK comes back: TCP confirms the neighbour
        }
        if (record.query != query || queryAnswered || !pod.running()) {
            return;
        }
        if (++repliesArrived[record.attempt] < repliesPerTry) {
            return;
        }
        queryAnswered = true;
        waited += tryOffsets[record.attempt];
        pending.forEach(Cancellable::cancel);
        advance(answerOutcome());
    }

    /** What the server said to the current query (or batch): an answer, or NXDOMAIN. */
    private SearchWalk.Outcome answerOutcome() {
        if (resolver.oneSocketPerLookup()) {
            // busybox: any NXDOMAIN in the batch sets its failing exit code
            boolean all = walk.busyboxBatch().stream().allMatch(candidate -> resolver.answers(name, candidate));
            return all ? SearchWalk.Outcome.ANSWERED : SearchWalk.Outcome.NXDOMAIN;
        }
        return run.answers(resolver, name, walk.current()) ? SearchWalk.Outcome.ANSWERED : SearchWalk.Outcome.NXDOMAIN;
    }

    private void deadline(int q) {
        if (q == query && !queryAnswered) {
            waited += resolver.queryDeadline();
            advance(SearchWalk.Outcome.TIMED_OUT);
        }
    }

    private void advance(SearchWalk.Outcome outcome) {
        SearchWalk.Step step = resolver.oneSocketPerLookup()
                ? (outcome == SearchWalk.Outcome.ANSWERED ? SearchWalk.Step.SUCCEEDED : SearchWalk.Step.FAILED)
                : walk.next(outcome);
        switch (step) {
            case NEXT_QUERY -> startQuery(query + 1);
            case SUCCEEDED -> finish(true);
            case FAILED -> finish(false);
        }
    }

    private void finish(boolean ok) {
        if (run.keepsPodDetails()) {
            for (TryRecord record : records) {
                pod.addTry(record.toObservation());
            }
        }
        run.lookupEnded(ok, waited);
        done.accept(ok);
    }

    /** One DNS reply packet from CoreDNS to the pod; delivered, it arrives one network latency later (it is its own event). */
    private final class Reply implements Packet, Runnable {
        private final TryRecord record;
        private final NeighbourDevice device;

        Reply(TryRecord record, NeighbourDevice device) {
            this.record = record;
            this.device = device;
        }

        @Override
        public int sizeBytes() {
            return 128;
        }

        @Override
        public void transmitted(long now, long destinationMac) {
            int ip = pod.eni().ip();
            if (run.fabric().delivers(ip, destinationMac) && destinationMac == pod.eni().mac()) {
                record.note(TryOutcome.DELIVERED);
                run.scheduler().scheduleAfter(run.plan().networkLatency(), this);
            } else if (run.keepsPodDetails()) {
                long owner = run.fabric().ownerMac(ip);
                record.note(new TryOutcome.Lost(MacAddress.format(destinationMac), Ipv4.format(ip),
                        owner == MacAddress.NONE ? null : MacAddress.format(owner)));
            }
        }

        /** The delivered reply reaches the pod. */
        @Override
        public void run() {
            replyArrived(record, device);
        }

        @Override
        public void dropped(long now, DropReason reason) {
            record.note(new TryOutcome.Dropped(reason));
        }
    }

    /** Mutable while the run goes on; an observation at the end. */
    private static final class TryRecord {
        final int query;
        final int attempt;
        final long sentAt;
        final int replica;
        EntrySnapshot entry;
        List<EntrySnapshot> otherNodes = List.of();
        TryOutcome outcome;

        TryRecord(int query, int attempt, long sentAt, int replica) {
            this.query = query;
            this.attempt = attempt;
            this.sentAt = sentAt;
            this.replica = replica;
        }

        /** The first loss explains a try; a delivered reply does not hide an earlier loss. */
        void note(TryOutcome what) {
            if (outcome == null || outcome.delivered()) {
                outcome = what;
            }
        }

        TryObservation toObservation() {
            return new TryObservation(query, attempt, Time.toSeconds(sentAt), replica, entry,
                    outcome == null ? new TryOutcome.NoReply() : outcome, otherNodes);
        }
    }
}
