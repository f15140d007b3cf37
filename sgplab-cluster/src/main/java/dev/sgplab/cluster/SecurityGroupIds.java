package dev.sgplab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security groups the run's SecurityGroupPolicy gives the churn pods: from --security-group
 * flags, or from deploy/terraform's outputs (`terraform output -json > outputs.json`, key
 * pod_security_group_id).
 */
public final class SecurityGroupIds {
    public static final String TERRAFORM_OUTPUT = "pod_security_group_id";
    private static final String PATTERN = "sg-[0-9a-f]{8}([0-9a-f]{9})?";

    private SecurityGroupIds() {
    }

    public static List<String> resolve(List<String> flags, Path terraformOutputs) {
        List<String> ids = new ArrayList<>();
        if (flags != null) {
            ids.addAll(flags);
        }
        if (terraformOutputs != null) {
            ids.add(fromTerraformOutputs(terraformOutputs));
        }
        if (ids.isEmpty()) {
            throw new ClusterException("no security group for the pods: give --security-group sg-... or "
                    + "--terraform-outputs FILE (terraform output -json in deploy/terraform)");
        }
        for (String id : ids) {
            if (!id.matches(PATTERN)) {
                throw new ClusterException("not a security group id: '" + id + "' (expected sg- and 8 or 17 hex digits)");
            }
        }
        return List.copyOf(ids);
    }

    static String fromTerraformOutputs(Path file) {
        JsonNode outputs;
        try {
            outputs = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ClusterException(file + ": cannot read the Terraform outputs");
        } catch (JacksonException e) {
            throw new ClusterException(file + ": not JSON (expected `terraform output -json`)");
        }
        JsonNode value = outputs.path(TERRAFORM_OUTPUT).path("value");
        if (!value.isString()) {
            throw new ClusterException(file + ": no output " + TERRAFORM_OUTPUT + " (expected `terraform output -json` "
                    + "of deploy/terraform)");
        }
        return value.asString();
    }
}
