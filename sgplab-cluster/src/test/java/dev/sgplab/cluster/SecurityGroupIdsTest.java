package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityGroupIdsTest {
    @TempDir
    Path dir;

    @Test
    void fromFlagsAndFromTerraformOutputs() throws Exception {
        Path outputs = dir.resolve("outputs.json");
        Files.writeString(outputs, """
                {"cluster_name": {"sensitive": false, "type": "string", "value": "sgplab"},
                 "pod_security_group_id": {"sensitive": false, "type": "string", "value": "sg-0a1b2c3d4e5f60718"}}
                """);
        assertThat(SecurityGroupIds.resolve(List.of("sg-12345678"), outputs))
                .containsExactly("sg-12345678", "sg-0a1b2c3d4e5f60718");
    }

    @Test
    void eachProblemIsOneLineNamingIt() throws Exception {
        assertThatThrownBy(() -> SecurityGroupIds.resolve(List.of(), null)).hasMessageStartingWith("no security group for the pods");
        assertThatThrownBy(() -> SecurityGroupIds.resolve(List.of("sg-XYZ"), null))
                .hasMessage("not a security group id: 'sg-XYZ' (expected sg- and 8 or 17 hex digits)");
        Path notJson = dir.resolve("plan.txt");
        Files.writeString(notJson, "Plan: 20 to add");
        assertThatThrownBy(() -> SecurityGroupIds.resolve(null, notJson)).hasMessageEndingWith("not JSON (expected `terraform output -json`)");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"vpc_id\": {\"value\": \"vpc-1\"}}");
        assertThatThrownBy(() -> SecurityGroupIds.resolve(null, other)).hasMessageContaining("no output pod_security_group_id");
        assertThatThrownBy(() -> SecurityGroupIds.resolve(null, dir.resolve("missing.json")))
                .hasMessageEndingWith("cannot read the Terraform outputs");
    }
}
