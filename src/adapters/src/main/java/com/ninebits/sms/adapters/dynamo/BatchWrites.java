package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** BatchWriteItem in groups of 25, re-sending what DynamoDB left unprocessed (with back-off). */
final class BatchWrites {

    private static final int MAX_PER_CALL = 25;
    private static final int MAX_ROUNDS = 8;

    private BatchWrites() {
    }

    static void write(Table into, List<WriteRequest> requests) {
        DynamoDbClient client = into.client();
        String table = into.name();
        for (int from = 0; from < requests.size(); from += MAX_PER_CALL) {
            List<WriteRequest> pending = new ArrayList<>(requests.subList(from, Math.min(from + MAX_PER_CALL, requests.size())));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size() + " writes unprocessed in " + table);
                }
                if (round > 0) {
                    sleep(25L << round);
                }
                List<WriteRequest> call = pending;
                BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(table, call)));
                pending = new ArrayList<>(response.unprocessedItems().getOrDefault(table, List.of()));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to DynamoDB", e);
        }
    }
}
