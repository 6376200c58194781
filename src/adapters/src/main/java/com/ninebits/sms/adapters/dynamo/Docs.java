package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** Attribute values of the types the tables hold, for items and for expression values. */
final class Docs {

    private Docs() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }

    static AttributeValue map(Map<String, AttributeValue> value) {
        return AttributeValue.builder().m(value).build();
    }

    static AttributeValue list(List<AttributeValue> value) {
        return AttributeValue.builder().l(value).build();
    }
}
