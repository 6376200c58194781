package com.ninebits.sms.adapters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Reads one JSON document and nothing after it. Jackson by default stops at the end of the first
 * value, so {@code {…}{…}} or {@code {…}garbage} would be read as the first object and the rest
 * silently dropped: a request that is not what its sender thinks it is must not be charged.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static JsonNode read(ObjectMapper mapper, byte[] body) throws IOException {
        return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
    }

    public static JsonNode read(ObjectMapper mapper, String body) throws JsonProcessingException {
        return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
    }
}
