package dev.sgplab.cluster.describe;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Free addresses per subnet from EC2 DescribeSubnets (availableIpAddressCount), looked up by the
 * CIDRs the pods' pod-eni annotations name, in the nodes' region. Read-only (ec2:DescribeSubnets).
 * Credentials come from the AWS SDK's default chain; when there are none, or EC2 refuses, the
 * answer says why instead of a count, and the scenario says what it assumed.
 */
public final class Ec2Subnets {
    /** What EC2 said: free addresses and subnet id per CIDR, or why it could not say. */
    public record Answer(Map<String, Integer> freeByCidr, Map<String, String> subnetIdByCidr, String unavailable) {
        static Answer unavailable(String why) {
            return new Answer(Map.of(), Map.of(), why);
        }
    }

    private final AwsCredentialsProvider credentials;
    private final URI endpoint;

    /** endpoint: null for the region's own; credentials: null for the SDK's default chain. */
    public Ec2Subnets(AwsCredentialsProvider credentials, URI endpoint) {
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    public Answer describe(String region, Collection<String> cidrs) {
        if (cidrs.isEmpty()) {
            return Answer.unavailable("no pod-eni annotation names a subnet");
        }
        if (region == null) {
            return Answer.unavailable("no node says its region (label topology.kubernetes.io/region or an aws:// provider ID)");
        }
        try (Ec2Client ec2 = client(region)) {
            DescribeSubnetsResponse response = ec2.describeSubnets(r -> r.filters(Filter.builder().name("cidr-block")
                    .values(cidrs).build()));
            Map<String, Integer> free = new LinkedHashMap<>();
            Map<String, String> ids = new LinkedHashMap<>();
            for (Subnet subnet : response.subnets()) {
                if (subnet.availableIpAddressCount() != null && cidrs.contains(subnet.cidrBlock())) {
                    free.put(subnet.cidrBlock(), subnet.availableIpAddressCount());
                    ids.put(subnet.cidrBlock(), subnet.subnetId());
                }
            }
            return new Answer(free, ids, free.isEmpty() ? "EC2 in " + region + " has no subnet with CIDR "
                    + String.join(", ", cidrs) + " visible to these credentials" : null);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return Answer.unavailable("EC2 refused DescribeSubnets in " + region + " (" + (code == null
                    ? "HTTP " + e.statusCode() : code) + ")");
        } catch (SdkClientException e) {
            return Answer.unavailable(credentialProblem(e) ? "no AWS credentials (the SDK's default chain found none)"
                    : "EC2 in " + region + " could not be reached: " + oneLine(e.getMessage()));
        } catch (SdkException e) {
            return Answer.unavailable("EC2 DescribeSubnets failed: " + oneLine(e.getMessage()));
        }
    }

    private Ec2Client client(String region) {
        var builder = Ec2Client.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20)).build())
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static boolean credentialProblem(SdkClientException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains("Unable to load credentials") || message.contains("credentials");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /**
     * The AWS region from a node: label topology.kubernetes.io/region, else its provider ID
     * (aws:///us-west-2a/i-0123...: the zone less its letter).
     */
    public static String regionOf(Map<String, String> labels, String providerId) {
        String label = labels == null ? null : labels.get("topology.kubernetes.io/region");
        if (label != null && !label.isBlank()) {
            return label;
        }
        if (providerId != null && providerId.startsWith("aws:///")) {
            String zone = providerId.substring("aws:///".length()).split("/")[0];
            if (zone.matches("[a-z]{2}(-[a-z]+)+-\\d+[a-z]")) {
                return zone.substring(0, zone.length() - 1);
            }
        }
        return null;
    }
}
