package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored item as the low-level client holds it (attribute name to value): built from its key
 * and typed values, and read back typed. Times are ISO-8601 strings, counts numbers. A value that
 * must be there may not be null; an optional one is left out when absent.
 */
final class Item {

    private final Map<String, AttributeValue> attributes = new HashMap<>();

    private Item(Keys.Key key) {
        attributes.putAll(key.attributes());
    }

    static Item at(Keys.Key key) {
        return new Item(key);
    }

    Item put(String name, String value) {
        attributes.put(name, Docs.s(Objects.requireNonNull(value, name)));
        return this;
    }

    Item put(String name, long value) {
        attributes.put(name, Docs.n(value));
        return this;
    }

    Item put(String name, boolean value) {
        attributes.put(name, Docs.bool(value));
        return this;
    }

    Item put(String name, Instant value) {
        return put(name, Objects.requireNonNull(value, name).toString());
    }

    Item put(String name, AttributeValue value) {
        attributes.put(name, value);
        return this;
    }

    Item putIfPresent(String name, String value) {
        return value == null ? this : put(name, value);
    }

    Item putIfPresent(String name, Instant value) {
        return value == null ? this : put(name, value);
    }

    Map<String, AttributeValue> attributes() {
        return Map.copyOf(attributes);
    }

    // ---- reading

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** A number, or 0 when the item has none. */
    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0L : Long.parseLong(v.n());
    }

    static int integer(Map<String, AttributeValue> item, String name) {
        return (int) number(item, name);
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = string(item, name);
        return text == null ? null : Instant.parse(text);
    }

    /** A flag, false when the item has none. */
    static boolean flag(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }
}
