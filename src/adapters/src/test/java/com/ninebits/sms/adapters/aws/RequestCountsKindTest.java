package com.ninebits.sms.adapters.aws;

import com.ninebits.sms.adapters.dynamo.Keys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The benchmark's counts name the kind of item each single-item request went to, never an id. */
class RequestCountsKindTest {

    @Test
    void namesTheItemKindFromTheKeysPrefixes() {
        assertEquals("ACC/PROFILE", RequestCounts.itemKind(UpdateItemRequest.builder()
                .key(Keys.profile("acc_1").attributes()).build()));
        assertEquals("ACC/BATCH", RequestCounts.itemKind(GetItemRequest.builder()
                .key(Keys.batch("acc_1", "ref-1").attributes()).build()));
        assertEquals("RATE/RATE", RequestCounts.itemKind(UpdateItemRequest.builder()
                .key(Keys.rateWindow("acc_1").attributes()).build()));
        assertEquals("MSG/n", RequestCounts.itemKind(UpdateItemRequest.builder()
                .key(Keys.message("acc_1", "ref-1", 12).attributes()).build()));
        assertNull(RequestCounts.itemKind(QueryRequest.builder().build()));
    }
}
