package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a scenario may not be: each problem one line, found before anything runs. */
class ScenarioInputBoundsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "fraction for a count     | `workload:\n  pods: 1.5\n`                 | 'workload.pods': not a whole number in range (1.5)",
        "1e400 for a count        | `workload:\n  pods: 1e400\n`               | 'workload.pods': not a whole number in range",
        "int overflow             | `workload:\n  pods: 99999999999\n`         | 'workload.pods': not a whole number in range (99999999999)",
        "no value                 | `workload:\n  pods:\n`                     | 'workload.pods': no value given",
        "too many pods            | `workload:\n  pods: 2000000000\n`          | workload.pods must be at most 1000000",
        "NaN latency              | `vpc:\n  network-latency-ms: .nan\n`       | vpc.network-latency-ms must be a finite number, got NaN",
        "inf latency              | `vpc:\n  arp-reply-latency-ms: .inf\n`     | vpc.arp-reply-latency-ms must be a finite number",
        "NaN probability          | `controller:\n  eni-delete-failure-probability: .nan\n` | must be a finite number",
        "a day-long interval      | `workload:\n  create-interval: fixed(1e300)\n` | over sgplab's bound of 86400 s",
        "kernel overflow          | `kernel:\n  gc_stale_time: 99999999999999\n` | kernel.gc_stale_time must be at most 2147483 s",
        "negative solicit         | `kernel:\n  ucast_solicit: -1\n`           | kernel.ucast_solicit must not be negative",
        "endless tries            | `dns:\n  attempts: 100000\n`               | dns.attempts must be at most 100",
        "cooldown past Duration   | `controller:\n  branch-eni-cooldown: 99999999999\n` | must be at most 9223372036 s",
        "duplicate key            | `name: a\nname: b\n`                       | a key given twice (\"name\") (line 2)",
        "tab indentation          | `workload:\n\tpods: 3\n`                   | malformed YAML: while scanning for the next token found character a tab",
        "anchor                   | `dns:\n  search: &a [x]\n`                 | YAML anchors and aliases (&name, *name) are not supported",
        "unknown key, suggestion  | `workload:\n  pod: 3\n`                    | unknown key 'workload.pod' (did you mean 'workload.pods'?)",
        "key in the wrong section | `kernel:\n  branch-eni-cooldown: 3\n`      | (did you mean 'controller.branch-eni-cooldown'?)",
        "far-off key, no guess    | `colour: blue\n`                           | t.yaml: unknown key 'colour'",
        "misspelt kernel key      | `kernel:\n  gc_stale_tme: 90\n`           | t.yaml: unknown key 'kernel.gc_stale_tme'",
        "unclosed list            | `kernel: [1, 2\n`                          | t.yaml: malformed YAML",
        "a value for a section    | `kernel: 5\n`                              | t.yaml: 'kernel' must be a section of keys",
        "words for a count        | `workload:\n  pods: many\n`               | t.yaml: 'workload.pods': wrong type of value",
        "zero pods                | `workload:\n  pods: 0\n`                  | t.yaml: workload.pods must be positive, got 0",
        "negative nodes           | `cluster:\n  nodes: -2\n`                 | t.yaml: cluster.nodes must be positive, got -2",
        "bad distribution         | `workload:\n  create-interval: soon\n`    | t.yaml: workload.create-interval: invalid distribution 'soon'",
        "instance type not known  | `cluster:\n  instance-type: t3.nano\n`    | t.yaml: cluster.instance-type 't3.nano' is not in the branch limit table",
        "instance type no trunk   | `cluster:\n  instance-type: c4.large\n`   | t.yaml: cluster.instance-type 'c4.large' is not trunking compatible",
        "replica off the nodes    | `cluster:\n  coredns:\n    nodes: [0, 7]\n` | t.yaml: cluster.coredns.nodes: node index 7 is outside 0..2",
        "subnet too small         | `subnet:\n  cidr: 198.18.0.0/28\n  used-by-others: 11\n` | t.yaml: subnet: used-by-others must be 0..10",
        "unknown gc-regime        | `kernel:\n  gc-regime: sometimes\n`       | t.yaml: kernel: unknown gc-regime 'sometimes' (expected auto, gc or no-gc)",
        "unknown resolver         | `dns:\n  resolver: bionic\n`              | t.yaml: dns: unknown resolver 'bionic' (expected glibc, musl or busybox)",
        "unknown policy           | `subnet:\n  allocation-policy: highest-free\n` | t.yaml: subnet.allocation-policy: unknown allocation policy 'highest-free' (expected random-free, lowest-free, least-recently-released or most-recently-released)",
        "unknown replica choice   | `cluster:\n  coredns:\n    replica-choice: per-day\n` | t.yaml: cluster.coredns.replica-choice must be one of per-lookup, per-query, per-try, got 'per-day'",
        "unknown guard action     | `guard:\n  action: reboot\n`              | t.yaml: guard.action must be replace or delete, got 'reboot'",
        "unknown enforcing mode   | `cni:\n  pod-security-group-enforcing-mode: loose\n` | t.yaml: cni.pod-security-group-enforcing-mode must be one of strict, standard, got 'loose'",
        "bad CIDR prefix          | `subnet:\n  cidr: 198.18.0.0/33\n`         | t.yaml: subnet.cidr: invalid CIDR '198.18.0.0/33': prefix length must be 0..32",
        "CIDR not even an address | `subnet:\n  cidr: banana\n`               | t.yaml: subnet.cidr: invalid CIDR 'banana'",
        "CIDR without prefix      | `subnet:\n  cidr: 198.18.0.0\n`            | expected ADDRESS/PREFIX",
        "CIDR host bits           | `subnet:\n  cidr: 198.18.0.1/24\n`         | has host bits set",
        "CIDR not an address      | `subnet:\n  cidr: 300.1.1.0/24\n`          | not an IPv4 address",
        "a list, not a mapping    | `- a\n- b\n`                               | a scenario must be a YAML mapping of keys",
        "workloads: misspelt entry key | `workloads: [{name: web, kind: deployment, replica: 3}]\n` | unknown key 'replica' (did you mean 'replicas'?)",
        "workloads: unknown kind    | `workloads: [{name: web, kind: deploymnt}]\n` | workloads[0] (web).kind must be one of",
        "workloads: not an object name | `workloads: [{name: Web, kind: job}]\n` | workloads[0].name must be a Kubernetes object name",
        "workloads: name used twice | `workloads: [{name: a, kind: job}, {name: a, kind: job}]\n` | workloads[1] (a).name is used by an earlier workload",
        "workloads: key of another kind | `workloads: [{name: web, kind: deployment, schedule: '* * * * *'}]\n` | workloads[0] (web).schedule is not a key of kind deployment",
        "workloads: cron day name   | `workloads: [{name: c, kind: cronjob, schedule: '0 0 * * MON'}]\n` | workloads[0] (c).schedule: schedule '0 0 * * MON': day of week 'MON'",
        "workloads: over 100 percent | `workloads: [{name: d, kind: deployment, max-unavailable: '150%'}]\n` | maxUnavailable '150%' is over 100%",
        "workloads: restart policy  | `workloads: [{name: d, kind: steady, restart-policy: OnFailure}]\n` | restart-policy must be Never or Always",
        "workloads: no DNS names    | `workloads: [{name: d, kind: job, dns: {names: []}}]\n` | workloads[0] (d).dns.names must list 1 to 100 names",
        "workloads: zero duration   | `workloads: [{name: d, kind: cronjob, duration: 0}]\n` | workloads[0] (d).duration must be more than 0",
        "workloads: and workload: | `workload: {pods: 3}\nworkloads: []\n` | give either 'workload'",
    })
    void refusedWithOneLine(String name, String yaml, String message) {
        assertThatThrownBy(() -> ScenarioTree.parse(yaml, "t.yaml").bind())
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("t.yaml")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception", "Jackson", "`"));
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder yaml = new StringBuilder("name: &a0 lol\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> ScenarioTree.parse(yaml.toString(), "laughs.yaml"))
                .hasMessageStartingWith("laughs.yaml: YAML anchors and aliases (&name, *name) are not supported in "
                        + "scenarios; write each value out (line ");
    }

    @Test
    void deepNestingAndHugeStringsAreBounded() {
        String deep = "name: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThatThrownBy(() -> ScenarioTree.parse(deep, "deep.yaml"))
                .hasMessage("deep.yaml: nested deeper than 16 levels (no scenario nests that deep)");
        String huge = "name: " + "x".repeat(900_000) + "\n";
        assertThatThrownBy(() -> ScenarioTree.parse(huge, "long.yaml"))
                .hasMessage("long.yaml: line 1 is longer than 2000 characters (no scenario line is that long)");
        String folded = "name: " + ("x".repeat(80) + "\n  ").repeat(10_000) + "\n";
        assertThatThrownBy(() -> ScenarioTree.parse(folded, "folded.yaml"))
                .hasMessage("folded.yaml: a value longer than 1000 characters (no scenario value is that long)");
    }

    @ParameterizedTest(name = "--set {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "workload.pods=1.5      | 'workload.pods': not a whole number in range (1.5)",
        "workload.pods=         | --set workload.pods=: no value given",
        "workload.pods=[1       | --set workload.pods: cannot read the value (malformed YAML",
        "workload=3             | 'workload' is a section, set one of its keys",
        "workload.pods.x=3      | 'workload.pods' is not a section",
        "worklaod.pods=3        | unknown key 'worklaod.pods' (did you mean 'workload.pods'?)",
        "name=&a x              | YAML anchors and aliases",
        "vpc.network-latency-ms=-.inf | must be a finite number",
        "controller.cooldown=45 | unknown key 'controller.cooldown'",
        "kernel                 | expected key=value",
        "kernel=1               | 'kernel' is a section",
    })
    void badSetValues(String assignment, String message) {
        assertThatThrownBy(() -> ScenarioTree.defaults().withAll(List.of(assignment)).bind())
                .isInstanceOf(ScenarioException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception"));
    }

    @Test
    void filesAreReadWithinBounds(@TempDir Path dir) throws Exception {
        Path big = Files.writeString(dir.resolve("big.yaml"), "# x\n".repeat(ScenarioLoader.MAX_BYTES / 4 + 1));
        assertThatThrownBy(() -> ScenarioLoader.load(big)).hasMessageEndingWith(
                "big.yaml: larger than 1 MiB, not a scenario file (sgplab reads at most 1 MiB)");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path binary = Files.write(dir.resolve("noise.bin"), noise);
        assertThatThrownBy(() -> ScenarioLoader.load(binary)).hasMessageEndingWith(
                "noise.bin: not a scenario file (binary content, not UTF-8 text)");
        Path nul = Files.write(dir.resolve("nul.yaml"), "name: a\0b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ScenarioLoader.load(nul)).hasMessageContaining("binary content");
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("/dev/zero")))
                .hasMessage("/dev/zero: not a scenario file (binary content, not UTF-8 text)");
        assertThatThrownBy(() -> ScenarioLoader.loadFileOrBundled("")).hasMessage("--scenario: no file name given");
    }

    /** The controller's fallback for a value it cannot parse is named, so that sweep and advise can refuse it. */
    @Test
    void anUnparsableCooldownIsASilentFallback() {
        Scenario garbage = ScenarioTree.defaults().with("controller.branch-eni-cooldown", "abc").bind();
        assertThat(garbage.silentFallback()).hasValue("controller.branch-eni-cooldown 'abc' is not a whole number "
                + "of seconds: the controller would silently use its default 60 s");
        assertThat(ScenarioTree.defaults().with("controller.branch-eni-cooldown", "45").bind().silentFallback())
                .isEmpty();
        assertThat(ScenarioTree.defaults().with("controller.branch-eni-cooldown", "10").bind().silentFallback())
                .as("clamped to 30 s with a warning the controller logs: not silent").isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "workload.pod, workload.pods",
        "wokrload.pods, workload.pods",
        "branch-eni-cooldown, controller.branch-eni-cooldown",
        "kernel.gc_stale_tme, kernel.gc_stale_time",
        "colour, none",
        "workload.pods, none",
    })
    void nearestKey(String typed, String expected) {
        assertThat(NearestKey.to(typed, List.of("workload.pods", "controller.branch-eni-cooldown",
                "kernel.gc_stale_time", "kernel.gc_thresh1", "name")).orElse(null)).isEqualTo(expected);
    }
}
