package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.advise.Evaluation;
import dev.sgplab.sim.advise.HowToApply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** advise's text: the answer on the first line, the commands under it, alternatives with no effect said so. */
class AdviceReportTest {
    private static Evaluation at(int cooldown, int errors) {
        int pods = 36_000;
        double perDay = 43_200.0 * errors / pods;
        return new Evaluation(cooldown, pods, errors, errors / (double) pods, 0, 0.0001, 0.00008,
                new Evaluation.PerDay(43_200, perDay, perDay * 0.9, perDay * 1.1, perDay * 1.2,
                        List.of(new Evaluation.WorkloadDay("workload", 43_200, pods, errors, perDay, perDay * 0.9,
                                perDay * 1.1, perDay * 1.2, pods))),
                new Evaluation.Capacity(3, 18, 35.4, 11.8, 17, 24.1, 5_206, 1.02, 8.46), List.of());
    }

    private static Advice advice(int recommended) {
        Advice.Alternative stale = new Advice.Alternative("kernel.gc_stale_time=30", "net.ipv4.neigh.default.gc_stale_time = 30",
                "shorter", at(60, 0), 55, at(55, 0), false, List.of("net.ipv4.neigh.default.gc_stale_time = 30"));
        Advice.Alternative thresh = new Advice.Alternative("kernel.gc_thresh1=0", "net.ipv4.neigh.default.gc_thresh1 = 0",
                "gc", at(60, 259), 70, at(70, 0), true, List.of("net.ipv4.neigh.default.gc_thresh1 = 0"));
        return new Advice(1e-4, 180, 200, Map.of("dns.resolver", "glibc"), at(60, 259),
                new Advice.Recommendation(recommended, at(recommended, 0), at(recommended - 5, 53)),
                HowToApply.cooldown(recommended), List.of(stale, thresh), new Advice.Regime("gc", 115, 128, List.of(),
                        false, false, "assumed: periodic GC scans on every run", List.of(), List.of("curl ...")),
                List.of());
    }

    @Test
    void theAnswerComesFirstWithTheCommandsToPaste() {
        String text = AdviceReport.table(advice(70));
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("Set branch-eni-cooldown to 70 s (now 60 s).");
        assertThat(text).contains("kubectl -n kube-system patch configmap amazon-vpc-cni --type merge",
                "'{\"data\":{\"branch-eni-cooldown\":\"70\"}}'", "sgplab cluster cooldown set 70",
                "fewer than 1 in 10,000 pods fail", "24.1 of 200 pods per run wait", "(5,206 a day), 8.5 s each",
                "Failed pod starts per day (of 43,200): 311 now (95 %: 280 .. 342), 0 at 70 s")
                .doesNotContainPattern("\\de-0\\d");
        // 259 / 36,000 = 1 in 139
        assertThat(text).contains("1 in 140");
    }

    @Test
    void anAlternativeWithNoEffectIsSaidSoNotListedAsAnOption() {
        String text = AdviceReport.table(advice(70));
        String options = text.substring(text.indexOf("Alternatives"), text.indexOf("No effect here"));
        assertThat(options).contains("net.ipv4.neigh.default.gc_stale_time = 30").doesNotContain("gc_thresh1");
        assertThat(text).contains("No effect here: net.ipv4.neigh.default.gc_thresh1 = 0 (kernel.gc_thresh1=0)");
    }

    @Test
    void noCommandsWhenTheCurrentCooldownIsTheAnswer() {
        String text = AdviceReport.table(advice(60));
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("Keep branch-eni-cooldown at 60 s");
        assertThat(text).doesNotContain("To set it", "cluster cooldown set");
    }
}
