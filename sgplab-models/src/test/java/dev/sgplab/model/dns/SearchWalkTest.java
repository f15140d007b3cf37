package dev.sgplab.model.dns;

import static dev.sgplab.model.dns.SearchWalk.Outcome.ANSWERED;
import static dev.sgplab.model.dns.SearchWalk.Outcome.NXDOMAIN;
import static dev.sgplab.model.dns.SearchWalk.Outcome.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchWalkTest {
    private static final List<String> SEARCH = List.of("default.svc.cluster.local", "svc.cluster.local",
            "cluster.local");

    private static ResolverProfile profile(ResolverKind kind) {
        return new ResolverProfile(kind, 5, 2, 5, SEARCH, false, "cluster.local", List.of("default"));
    }

    /** Walks with the given outcomes and lists the names queried, then the verdict. */
    private static List<String> walk(ResolverKind kind, String name, SearchWalk.Outcome... outcomes) {
        SearchWalk walk = new SearchWalk(profile(kind), name);
        List<String> seen = new ArrayList<>();
        for (SearchWalk.Outcome outcome : outcomes) {
            seen.add(walk.current());
            SearchWalk.Step step = walk.next(outcome);
            if (step != SearchWalk.Step.NEXT_QUERY) {
                seen.add(step.name());
                return seen;
            }
        }
        seen.add("...");
        return seen;
    }

    @Test
    void glibcWalksTheSearchListOnNxdomain() {
        assertThat(walk(ResolverKind.GLIBC, "kubernetes.default", NXDOMAIN, ANSWERED)).containsExactly(
                "kubernetes.default.default.svc.cluster.local", "kubernetes.default.svc.cluster.local", "SUCCEEDED");
    }

    /** The strace of glibc 2.36: two tries of the first search name, then the name as is. */
    @Test
    void glibcStopsSearchingOnATimeoutButTriesTheNameAsIs() {
        assertThat(walk(ResolverKind.GLIBC, "kubernetes.default", TIMED_OUT, NXDOMAIN)).containsExactly(
                "kubernetes.default.default.svc.cluster.local", "kubernetes.default", "FAILED");
        assertThat(walk(ResolverKind.GLIBC, "amazon.com", TIMED_OUT, ANSWERED)).containsExactly(
                "amazon.com.default.svc.cluster.local", "amazon.com", "SUCCEEDED");
    }

    @Test
    void glibcTriesEnoughDotsAsIsFirstAndNotAgain() {
        assertThat(walk(ResolverKind.GLIBC, "a.b.c.d.e.f", NXDOMAIN, NXDOMAIN, NXDOMAIN, NXDOMAIN)).containsExactly(
                "a.b.c.d.e.f", "a.b.c.d.e.f.default.svc.cluster.local", "a.b.c.d.e.f.svc.cluster.local",
                "a.b.c.d.e.f.cluster.local", "FAILED");
        // __res_context_search(): the as-is query returns only on an answer or a trailing dot; after
        // its timeout the search list is walked, and a timeout there ends the walk (tried as is already)
        assertThat(walk(ResolverKind.GLIBC, "a.b.c.d.e.f", TIMED_OUT, NXDOMAIN, TIMED_OUT)).containsExactly(
                "a.b.c.d.e.f", "a.b.c.d.e.f.default.svc.cluster.local", "a.b.c.d.e.f.svc.cluster.local", "FAILED");
        assertThat(walk(ResolverKind.GLIBC, "a.b.c.d.e.f", TIMED_OUT, ANSWERED)).containsExactly(
                "a.b.c.d.e.f", "a.b.c.d.e.f.default.svc.cluster.local", "SUCCEEDED");
        assertThat(walk(ResolverKind.GLIBC, "kubernetes.default.svc.cluster.local.", TIMED_OUT))
                .containsExactly("kubernetes.default.svc.cluster.local", "FAILED");
    }

    @Test
    void muslFailsOnTheFirstTimeout() {
        assertThat(walk(ResolverKind.MUSL, "kubernetes.default", TIMED_OUT)).containsExactly(
                "kubernetes.default.default.svc.cluster.local", "FAILED");
        assertThat(walk(ResolverKind.MUSL, "amazon.com", NXDOMAIN, NXDOMAIN, NXDOMAIN, ANSWERED)).containsExactly(
                "amazon.com.default.svc.cluster.local", "amazon.com.svc.cluster.local", "amazon.com.cluster.local",
                "amazon.com", "SUCCEEDED");
        assertThat(walk(ResolverKind.MUSL, "a.b.c.d.e.f", NXDOMAIN)).containsExactly("a.b.c.d.e.f", "FAILED");
    }

    /** A name that cannot resolve dooms every pod, whatever the neighbour tables hold: say so up front. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "GLIBC,   kubernetes.default,                   true",  // the second search domain answers
        "MUSL,    kubernetes.default,                   true",
        "BUSYBOX, kubernetes.default,                   false", // a name with a dot is not expanded
        "BUSYBOX, kubernetes.default.svc.cluster.local, true",
        "GLIBC,   kubernetes.default.,                  false"  // a trailing dot: only as is, and upstream has no such name
    })
    void aNameThatCannotResolveIsKnownBeforeAnyRun(ResolverKind kind, String name, boolean resolves) {
        assertThat(SearchWalk.resolvesWhenNothingIsLost(profile(kind), name)).isEqualTo(resolves);
    }
}
