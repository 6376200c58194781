package com.ninebits.sms.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The API function with DynamoDB up and the dispatch queue down: the queue's URL names a local
 * port on which nothing listens.
 */
public class QueueDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        String nobody = "http://127.0.0.1:" + closedPort();
        // The SDK sends every call to the client's endpoint and only names the queue by its URL, so
        // a URL on a closed port alone would still reach the local SQS server: the endpoint goes too.
        return Map.of(
                "sms.queue.dispatch", nobody + "/000000000000/DispatchQueue.fifo",
                "sms.aws.endpoint.sqs", nobody);
    }

    private static int closedPort() {
        // Bound and closed at once: free, and nothing listens on it afterwards.
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
