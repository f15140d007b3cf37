package dev.sgplab.report;

import dev.sgplab.lab.LabFacts;
import dev.sgplab.lab.LabLateness;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.OriginalReport;
import dev.sgplab.sim.SimulationPlan;
import dev.sgplab.sim.advise.Advisor;
import dev.sgplab.sim.sweep.Sweep;
import dev.sgplab.sim.sweep.SweepResult;
import dev.sgplab.sim.sweep.Vary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One saved result of each kind a report renders, made by the simulator (small, fixed seeds). */
final class ReportFixtures {
    /** The report's scenario with periodic GC forced on: the goldens were rendered under that regime. */
    static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO))
            .with("kernel.gc-regime", "gc");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReportFixtures() {
    }

    /** Every kind, by name: the JSON a user would pass to `sgplab report --from`. */
    static Map<String, String> all() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("sweep", sweep());
        kinds.put("simulate", simulate(30, 1));
        kinds.put("lab-run", labRun());
        kinds.put("lab-compare", compare());
        kinds.put("cluster", cluster());
        return kinds;
    }

    /** Every kind a page exists for: those with a page since before kinds (all) and advise. */
    static Map<String, String> pages() {
        Map<String, String> kinds = all();
        kinds.put("advise", advise());
        return kinds;
    }

    /** A small advice (3 replications a setting, a 5 % target): every section of the page, on fixed seeds. */
    static String advise() {
        return AdviceReport.json(new Advisor(REPORT, 0.05, 3, 7, 2, null).advise());
    }

    static String sweep() {
        SweepResult result = Sweep.run(REPORT, List.of(Vary.parse("controller.branch-eni-cooldown=30..80:10")), 40, 7, 2,
                null, null);
        return SweepReport.json(result);
    }

    static RunObservations run(int cooldown, long seed) {
        ScenarioTree tree = REPORT.with("controller.branch-eni-cooldown", Integer.toString(cooldown));
        return new ClusterSimulation(SimulationPlan.of(tree.bind()), seed, ClusterSimulation.Detail.PODS).run();
    }

    static Map<String, String> assumptions() {
        Map<String, String> assumptions = new LinkedHashMap<>();
        for (String key : List.of("subnet.allocation-policy", "kernel.gc-regime", "kernel.gc_stale_time",
                "kernel.base_reachable_time_ms")) {
            assumptions.put(key, REPORT.get(key));
        }
        return assumptions;
    }

    static String simulate(int cooldown, long seed) {
        return SimulateReport.json(run(cooldown, seed), seed, assumptions(), true);
    }

    static String labRun() {
        LabFacts facts = new LabFacts("6.1.0-test", 1, "sgl-test", Map.of("gc_stale_time", "60"),
                Map.of("base_reachable_time_ms", "30000"), 12, "dnsmasq 2.89", "glibc", Map.of(),
                new LabLateness(0.01, 0.05, 0.02), List.of("a note from the lab"), null);
        return LabReport.json(new LabReport.Document(SimulateReport.document(run(30, 2), 2L, assumptions(), true), facts));
    }

    static String compare() {
        CompareReport.Document d = new CompareReport.Document("report-200-pods", 1,
                new CompareReport.LabSide(28.5, List.of(27, 30), List.of(130, 128), List.of(1L, 2L), List.of()),
                new CompareReport.SimulatorSide(new ReproduceReport.ErrorPods(29.9, 22, 38), 4.1, 200, List.of(31, 28)),
                true, List.of("the lab's mean 28.5 lies in the simulator's one-run range 22 .. 38"), null);
        return CompareReport.json(d);
    }

    /** A cluster result as `cluster run -o json` writes it, around simulated rounds. */
    static String cluster() {
        List<ClusterReport.RoundDocument> rounds = new java.util.ArrayList<>();
        for (int cooldown : new int[] {30, 60}) {
            rounds.add(new ClusterReport.RoundDocument(cooldown, cooldown == 30 ? 29 : 2, 0, null,
                    SimulateReport.document(run(cooldown, 3), 3L, assumptions(), true), List.of()));
        }
        return ClusterReport.json(new ClusterReport.Document("sgc-test", "sgplab-sgc-test",
                List.of(new dev.sgplab.cluster.SgppSupport.Node("node-0", 18)), "60", rounds,
                List.of("deleted 200 pods labelled sgplab.dev/run=sgc-test"), List.of()));
    }

    static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }
}
