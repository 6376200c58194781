package com.ninebits.sms.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store-outage helper the fault tests rely on: a stack on disk whose DynamoDB server can be
 * stopped (every call refused) and started again on the same port with the data it had.
 */
class LocalStackRestartTest {

    @Test
    void aStoppedDynamoRefusesCallsAndComesBackOnTheSamePortWithItsData() {
        Path data = Path.of("target", "dynalite-restart-" + UUID.randomUUID());
        try (LocalStack stack = LocalStack.startOnDisk(LocalStack.findRepoRoot(), data)) {
            String table = stack.tableName("AccountsTable");
            Map<String, AttributeValue> key = Map.of("pk", s("ACC#restart"), "sk", s("PROFILE"));
            stack.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", s("ACC#restart"), "sk", s("PROFILE"),
                    "balance", AttributeValue.builder().n("42").build())));
            int port = stack.dynamoEndpoint().getPort();

            stack.stopDynamo();

            assertFalse(stack.dynamoRunning());
            assertThrows(SdkClientException.class, () -> stack.dynamo().getItem(b -> b.tableName(table).key(key)));

            stack.restartDynamo();

            assertTrue(stack.dynamoRunning());
            assertEquals(port, stack.dynamoEndpoint().getPort());
            assertEquals("42", stack.dynamo().getItem(b -> b.tableName(table).key(key).consistentRead(true)).item().get("balance").n());
        }
    }

    @Test
    void anInMemoryStackRefusesARestartThatWouldLoseItsData() {
        assertThrows(IllegalStateException.class, () -> LocalStack.shared().stopDynamo());
        assertTrue(LocalStack.shared().dynamoRunning());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
