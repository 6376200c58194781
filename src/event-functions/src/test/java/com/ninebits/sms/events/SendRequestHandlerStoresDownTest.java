package com.ninebits.sms.events;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With DynamoDB and SQS unreachable, nothing may be dropped: every record goes back to SQS. */
@QuarkusTest
@TestProfile(SendRequestHandlerStoresDownTest.StoresDown.class)
class SendRequestHandlerStoresDownTest {

    public static class StoresDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nobody = "http://127.0.0.1:" + closedPort();
            return Map.of("sms.aws.endpoint.dynamodb", nobody, "sms.aws.endpoint.sqs", nobody);
        }
    }

    @Test
    void reportsARequestAsFailedWhenTheStoreIsDown() {
        String body = "{\"account_id\":\"acc_any\",\"request\":{\"from\":\"MyBrand\",\"to\":[\"+2348031234567\"],"
                + "\"body\":\"hi\",\"reference_id\":\"down-1\"}}";

        assertEquals(List.of("valid"), SqsEvents.invoke(SqsEvents.event(SqsEvents.record("valid", body))));
    }

    @Test
    void reportsARefusedRequestAsFailedWhenTheDeadLetterQueueIsDown() {
        String invalid = "{\"account_id\":\"acc_any\",\"request\":{\"from\":\"not a sender!\",\"to\":[]}}";

        assertEquals(List.of("invalid", "not-json"), SqsEvents.invoke(SqsEvents.event(
                SqsEvents.record("invalid", invalid), SqsEvents.record("not-json", "{{"))));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
