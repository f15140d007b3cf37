package dev.sgplab.model.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * The walk through the search list for one lookup: which name to query next, given how the last
 * query ended.
 *
 * <p>glibc (resolv/res_query.c __res_context_search): the name as is first when it has ndots dots
 * or more (or a trailing dot, and then only that); then each search domain while the answers are
 * NXDOMAIN or NODATA; a timeout ends the search ("stop searching up, but try the input name below
 * in case it's fully-qualified"), so the name as is is still tried if it was not yet; a timeout of
 * the name as is when it was tried first does not end the search. Observed with
 * strace on glibc 2.36: after two timed-out tries of NAME.default.svc.cluster.local, the next
 * query is NAME itself.
 *
 * <p>musl (src/network/lookup_name.c name_from_dns_search): with ndots dots or more only the name
 * as is; otherwise each search domain, then the name as is; a timeout (EAI_AGAIN) ends the lookup.
 *
 * <p>busybox nslookup: all candidates in one round (see {@link ResolverKind#BUSYBOX}); the command
 * fails if any of them is NXDOMAIN, as busybox sets its exit code on every rcode != 0.
 */
public final class SearchWalk {

    /** How one query (one name, all its tries) ended. */
    public enum Outcome {
        ANSWERED, NXDOMAIN, TIMED_OUT
    }

    /** Where the lookup stands after a query. */
    public enum Step {
        NEXT_QUERY, SUCCEEDED, FAILED
    }

    /**
     * What a walk for one name under one resolver starts from: the name without its trailing dot, the
     * search-list names in order, and where the name as is comes. The same for every lookup of that
     * name, so a run that resolves one name a million times builds these once ({@link #plan}).
     */
    public record Plan(String name, List<String> searchNames, boolean asIsFirst, boolean asIsOnly) {
        public Plan {
            searchNames = List.copyOf(searchNames);
        }
    }

    /** The walk's plan for {@code name} under {@code profile}. */
    public static Plan plan(ResolverProfile profile, String name) {
        boolean trailingDot = name.endsWith(".");
        String bare = trailingDot ? name.substring(0, name.length() - 1) : name;
        int dots = (int) bare.chars().filter(c -> c == '.').count();
        boolean enoughDots = dots >= profile.ndots();
        boolean asIsOnly = trailingDot || (enoughDots && profile.kind() == ResolverKind.MUSL);
        List<String> searchNames = new ArrayList<>();
        if (!asIsOnly) {
            for (String domain : profile.searchDomains()) {
                searchNames.add(bare + "." + domain);
            }
        }
        return new Plan(bare, searchNames, asIsOnly || enoughDots, asIsOnly);
    }

    private final ResolverProfile profile;
    private final String name;
    private final List<String> searchNames;
    private final boolean asIsFirst;
    private final boolean asIsOnly;
    private int searchIndex = -1;
    private boolean triedAsIs;
    private String current;

    public SearchWalk(ResolverProfile profile, String name) {
        this(profile, plan(profile, name));
    }

    /** A walk from a plan made by {@link #plan} for the same {@code profile}. */
    public SearchWalk(ResolverProfile profile, Plan plan) {
        this.profile = profile;
        this.name = plan.name();
        this.searchNames = plan.searchNames();
        this.asIsOnly = plan.asIsOnly();
        this.asIsFirst = plan.asIsFirst();
        if (asIsFirst) {
            triedAsIs = true;
            current = this.name;
        } else {
            current = nextSearchName();
        }
    }

    /**
     * Whether a lookup of {@code name} succeeds when no reply is lost: if not, every pod fails
     * whatever the neighbour tables hold (busybox: every candidate must be answered).
     */
    public static boolean resolvesWhenNothingIsLost(ResolverProfile profile, String name) {
        if (profile.kind() == ResolverKind.BUSYBOX) {
            return profile.candidates(name).stream().allMatch(candidate -> profile.answers(name, candidate));
        }
        SearchWalk walk = new SearchWalk(profile, name);
        Step step = Step.NEXT_QUERY;
        while (step == Step.NEXT_QUERY) {
            step = walk.next(profile.answers(name, walk.current()) ? Outcome.ANSWERED : Outcome.NXDOMAIN);
        }
        return step == Step.SUCCEEDED;
    }

    /** The name to query now. */
    public String current() {
        return current;
    }

    /** All names busybox sends at once. */
    public List<String> busyboxBatch() {
        return profile.candidates(name);
    }

    public Step next(Outcome outcome) {
        if (outcome == Outcome.ANSWERED) {
            return Step.SUCCEEDED;
        }
        if (asIsOnly) {
            return Step.FAILED;
        }
        if (outcome == Outcome.TIMED_OUT) {
            if (profile.kind() == ResolverKind.MUSL) {
                return Step.FAILED; // EAI_AGAIN ends musl's search
            }
            if (searchIndex >= 0) {
                searchIndex = searchNames.size(); // glibc: a timeout in the search list stops searching up...
            }
            // ...but a timeout of the name as is, tried first, does not: __res_context_search() returns
            // from that query only on an answer or a trailing dot, and then walks the search list.
        }
        String following = nextSearchName();
        if (following != null) {
            current = following;
            return Step.NEXT_QUERY;
        }
        if (!triedAsIs) { // ...but try the input name as is
            triedAsIs = true;
            current = name;
            return Step.NEXT_QUERY;
        }
        return Step.FAILED;
    }

    private String nextSearchName() {
        searchIndex++;
        return searchIndex < searchNames.size() ? searchNames.get(searchIndex) : null;
    }
}
