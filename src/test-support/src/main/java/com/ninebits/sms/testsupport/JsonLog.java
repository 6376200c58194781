package com.ninebits.sms.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function's JSON log lines as a test run wrote them ({@code %test.quarkus.log.file.json}, at
 * {@link #TEST_LOG}): which lines carry an id in their MDC, and whether anything that must never be
 * logged (a full phone number, a body, a token, a secret) is anywhere in them.
 */
public final class JsonLog {

    public static final Path TEST_LOG = Path.of("target/test-log.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final List<JsonNode> entries;

    private JsonLog(String text, List<JsonNode> entries) {
        this.text = text;
        this.entries = entries;
    }

    /** The test run's log as it is now. */
    public static JsonLog ofTestRun() {
        try {
            String text = Files.readString(TEST_LOG);
            List<JsonNode> entries = new ArrayList<>();
            for (String line : text.lines().toList()) {
                entries.add(JSON.readTree(line));
            }
            return new JsonLog(text, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines whose MDC has {@code key} = {@code value}. */
    public List<JsonNode> withMdc(String key, String value) {
        return entries.stream().filter(e -> value.equals(e.path("mdc").path(key).asText(null))).toList();
    }

    /**
     * The names of the values (name → value) found anywhere in the log or in {@code alsoSearched}
     * (another output of the run, stdout say); empty when nothing leaked.
     */
    public List<String> leaked(Map<String, String> mustNotAppear, String... alsoSearched) {
        List<String> leaks = new ArrayList<>();
        mustNotAppear.forEach((name, value) -> {
            boolean found = text.contains(value);
            for (String other : alsoSearched) {
                found |= other.contains(value);
            }
            if (found) {
                leaks.add(name);
            }
        });
        return leaks;
    }
}
