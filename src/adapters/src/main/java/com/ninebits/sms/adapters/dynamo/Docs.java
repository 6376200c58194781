package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;

/** Reading typed values back from documents and building low-level attribute values. */
final class Docs {

    private Docs() {
    }

    static long longOf(EnhancedDocument doc, String name) {
        return doc.isPresent(name) && !doc.isNull(name) ? doc.getNumber(name).longValue() : 0L;
    }

    static int intOf(EnhancedDocument doc, String name) {
        return (int) longOf(doc, name);
    }

    static Instant instantOf(EnhancedDocument doc, String name) {
        String text = doc.isPresent(name) && !doc.isNull(name) ? doc.getString(name) : null;
        return text == null ? null : Instant.parse(text);
    }

    static String stringOf(EnhancedDocument doc, String name) {
        return doc.isPresent(name) && !doc.isNull(name) ? doc.getString(name) : null;
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
