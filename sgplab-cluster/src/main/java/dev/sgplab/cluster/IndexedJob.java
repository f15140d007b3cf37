package dev.sgplab.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes Indexed Job that runs a sweep's shards in parallel: pod k runs
 * {@code sgplab sweep ... --shard k/N -o json}; then {@code sgplab merge} combines them into the
 * unsharded result.
 *
 * <p>The scenario file travels in a ConfigMap mounted where the pods read it, because the pods
 * cannot see the machine that wrote the Job. Each shard's result is its log (progress is kept out
 * of it), so collecting needs nothing but {@code kubectl logs}: a shared ReadWriteMany volume would
 * not bind on EKS's default (EBS) storage class.
 */
public final class IndexedJob {
    public static final String NAME = "sgplab-sweep";
    public static final String SCENARIO_DIR = "/scenario";
    /** Where deploy/k8s/guard/Dockerfile puts the jar: that image holds the whole of sgplab. */
    public static final String JAR = "/opt/sgplab/sgplab.jar";

    /** Options the Job sets itself, or that mean nothing in a pod, with their values. */
    private static final Set<String> DROPPED_WITH_VALUE = Set.of("--shards", "--image", "--report", "--shard", "-o",
            "--output");

    private IndexedJob() {
    }

    /**
     * @param sweepArgs the sweep's command line as typed
     * @param scenarioFile the scenario file to ship in the ConfigMap, or null for a bundled scenario
     */
    public static String manifest(List<String> sweepArgs, Path scenarioFile, int shards, String image) {
        if (shards <= 0) {
            throw new ClusterException("--shards must be positive, got " + shards);
        }
        String mounted = scenarioFile == null ? null : SCENARIO_DIR + "/" + scenarioFile.getFileName();
        StringBuilder command = new StringBuilder("java -XX:MaxRAMPercentage=75 -jar " + JAR);
        for (String arg : podArgs(sweepArgs, mounted)) {
            command.append(' ').append(quote(arg));
        }
        command.append(" --shard ${JOB_COMPLETION_INDEX}/").append(shards)
                .append(" -o json >/tmp/shard.json 2>/tmp/sweep.log || { cat /tmp/sweep.log >&2; exit 1; };")
                .append(" cat /tmp/shard.json");
        return header(shards) + (scenarioFile == null ? "" : configMap(scenarioFile) + "---\n")
                + job(shards, image, command.toString(), scenarioFile != null);
    }

    /** The sweep's arguments in the pod: the Job's own options dropped, the scenario where it is mounted. */
    static List<String> podArgs(List<String> sweepArgs, String mountedScenario) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < sweepArgs.size(); i++) {
            String arg = sweepArgs.get(i);
            String name = arg.contains("=") && arg.startsWith("-") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (arg.equals("--emit-job")) {
                continue;
            }
            if (DROPPED_WITH_VALUE.contains(name)) {
                i += name.equals(arg) ? 1 : 0;
                continue;
            }
            if (name.equals("--scenario") && mountedScenario != null) {
                i += name.equals(arg) ? 1 : 0;
                args.add("--scenario");
                args.add(mountedScenario);
                continue;
            }
            args.add(arg);
        }
        return args;
    }

    private static String header(int shards) {
        return """
                # A sweep in %1$d shards as a Kubernetes Indexed Job, written by sgplab sweep --emit-job.
                # The image is deploy/k8s/guard/Dockerfile's (the whole of sgplab; guard is only its default
                # command). Each shard's log is its JSON result. Run, collect and merge:
                #   kubectl apply -f sweep-job.yaml
                #   kubectl wait --for=condition=complete --timeout=6h job/%2$s
                #   for i in $(seq 0 %3$d); do
                #     kubectl logs "$(kubectl get pods -l job-name=%2$s,batch.kubernetes.io/job-completion-index=$i \\
                #       --field-selector=status.phase=Succeeded -o name | head -n 1)" > shard-$i.json
                #   done
                #   sgplab merge shard-*.json > sweep.json
                #   kubectl delete job/%2$s configmap/%2$s-scenario
                """.formatted(shards, NAME, shards - 1);
    }

    private static String configMap(Path scenarioFile) {
        String text;
        try {
            text = Files.readString(scenarioFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClusterException("cannot read the scenario file " + scenarioFile + " to ship it: " + e.getMessage());
        }
        StringBuilder block = new StringBuilder();
        // "|2": the indentation is stated, so a first line that starts with spaces stays as it is.
        block.append("  ").append(scenarioFile.getFileName()).append(": |2\n");
        text.lines().forEach(line -> block.append(line.isEmpty() ? "" : "    " + line).append('\n'));
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s-scenario
                  labels: {app.kubernetes.io/name: %s}
                data:
                """.formatted(NAME, NAME) + block;
    }

    private static String job(int shards, String image, String command, boolean withScenario) {
        String mounts = withScenario ? """
                        volumeMounts:
                        - {name: scenario, mountPath: %s, readOnly: true}
                      volumes:
                      - name: scenario
                        configMap: {name: %s-scenario}
                """.formatted(SCENARIO_DIR, NAME) : "";
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %1$s
                  labels: {app.kubernetes.io/name: %1$s}
                spec:
                  completionMode: Indexed
                  completions: %2$d
                  parallelism: %2$d
                  backoffLimit: %2$d   # one retry per shard on average
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: %1$s}
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: shard
                        image: %3$s
                        command: ["/bin/sh", "-c"]
                        args:
                        - %4$s
                        resources:
                          requests: {cpu: "2", memory: 1Gi}
                """.formatted(NAME, shards, image, yamlString(command)) + mounts;
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
