package dev.sgplab.cluster.describe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the EC2 Query API (the SDK reached through endpointOverride): every POST
 * gets the status and XML body given, and each request's form body is kept, decoded, for the test.
 */
public final class Ec2QueryServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public Ec2QueryServer(int status, String xml) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(URLDecoder.decode(body, StandardCharsets.UTF_8));
            byte[] answer = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** DescribeSubnets' answer: one subnet per (id, cidr, free) triple. */
    public static String subnets(Object... idCidrFree) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < idCidrFree.length; i += 3) {
            items.append("<item><subnetId>").append(idCidrFree[i]).append("</subnetId><state>available</state>")
                    .append("<vpcId>vpc-1</vpcId><cidrBlock>").append(idCidrFree[i + 1]).append("</cidrBlock>")
                    .append("<availableIpAddressCount>").append(idCidrFree[i + 2]).append("</availableIpAddressCount>")
                    .append("<availabilityZone>us-west-2a</availabilityZone></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeSubnetsResponse xmlns=\"http://ec2.amazonaws.com/doc/"
                + "2016-11-15/\"><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><subnetSet>" + items
                + "</subnetSet></DescribeSubnetsResponse>";
    }

    /** EC2's error document, e.g. UnauthorizedOperation with HTTP 403. */
    public static String error(String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>You "
                + "are not authorized to perform this operation.</Message></Error></Errors><RequestID>ea966190-f9aa-478e-"
                + "9ede-example</RequestID></Response>";
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Each request's form body, URL-decoded. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
