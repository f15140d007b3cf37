package dev.sgplab.cluster;

import java.net.URI;

/**
 * Where a command talks to: the API server, the kubeconfig context and the file(s) it came from,
 * as the user named them. Never holds credentials; a server URL's user-info part is dropped.
 *
 * @param server  the API server URL the client will call
 * @param context the kubeconfig context, null for a pod's in-cluster service account
 * @param source  the kubeconfig file(s), or "in-cluster service account"
 */
public record KubeTarget(String server, String context, String source) {
    public static final String IN_CLUSTER = "in-cluster service account";

    public KubeTarget {
        server = withoutUserInfo(server);
    }

    /** "cluster URL, context NAME": how error lines say where. */
    public String where() {
        return "cluster " + server + (context == null ? ", " + IN_CLUSTER : ", context " + context);
    }

    /** "URL (context NAME, kubeconfig FILE)": how the line before a write says where. */
    public String describe() {
        return server + (context == null ? " (" + IN_CLUSTER + ")" : " (context " + context + ", kubeconfig " + source + ")");
    }

    static String withoutUserInfo(String server) {
        try {
            URI uri = URI.create(server);
            if (uri.getRawUserInfo() == null) {
                return server;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return server.replaceAll("//[^/@]*@", "//");
        }
    }
}
