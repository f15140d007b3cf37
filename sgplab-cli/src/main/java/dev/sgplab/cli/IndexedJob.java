package dev.sgplab.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes Indexed Job that runs a sweep's shards in parallel: pod k runs
 * {@code sgplab sweep ... --shard k/N -o json} and writes its result to a shared volume; then
 * {@code sgplab merge} combines them into the unsharded result.
 */
final class IndexedJob {
    private IndexedJob() {
    }

    static String manifest(List<String> sweepArgs, int shards, String image) {
        if (shards <= 0) {
            throw new Errors.BadInputException("--shards must be positive, got " + shards);
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < sweepArgs.size(); i++) {
            String arg = sweepArgs.get(i);
            if (arg.equals("--emit-job")) {
                continue;
            }
            if (List.of("--shards", "--image", "--report", "--shard", "-o", "--output").contains(arg)) {
                i++; // drop the option and its value: the job sets its own
                continue;
            }
            if (arg.startsWith("--shards=") || arg.startsWith("--image=") || arg.startsWith("--report=")
                    || arg.startsWith("--shard=") || arg.startsWith("-o=") || arg.startsWith("--output=")) {
                continue;
            }
            args.add(arg);
        }
        StringBuilder command = new StringBuilder("sgplab");
        for (String arg : args) {
            command.append(' ').append(quote(arg));
        }
        command.append(" --shard ${JOB_COMPLETION_INDEX}/").append(shards)
                .append(" -o json > /results/shard-${JOB_COMPLETION_INDEX}.json");
        return """
                # A sweep in %1$d shards as a Kubernetes Indexed Job, written by sgplab sweep.
                # The shards write to the PersistentVolumeClaim below; when the Job is complete:
                #   kubectl cp <a pod mounting sgplab-results>:/results ./results
                #   sgplab merge ./results/shard-*.json > sweep.json
                # The image must contain sgplab on its PATH (a JRE and sgplab.jar).
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: sgplab-results
                  labels: {app.kubernetes.io/name: sgplab-sweep}
                spec:
                  accessModes: [ReadWriteMany]
                  resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: sgplab-sweep
                  labels: {app.kubernetes.io/name: sgplab-sweep}
                spec:
                  completionMode: Indexed
                  completions: %1$d
                  parallelism: %1$d
                  backoffLimit: 2
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: sgplab-sweep}
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: shard
                        image: %2$s
                        command: ["/bin/sh", "-c"]
                        args:
                        - %3$s
                        resources:
                          requests: {cpu: "2", memory: 1Gi}
                        volumeMounts:
                        - {name: results, mountPath: /results}
                      volumes:
                      - name: results
                        persistentVolumeClaim: {claimName: sgplab-results}
                """.formatted(shards, image, yamlString(command.toString()));
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
