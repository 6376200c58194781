package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class SchedulesTest {

    @Test
    void readsRatesInEveryUnit() {
        assertEquals(Duration.ofMinutes(1), Schedules.period("rate(1 minute)"));
        assertEquals(Duration.ofMinutes(5), Schedules.period("rate(5 minutes)"));
        assertEquals(Duration.ofSeconds(30), Schedules.period("rate(30 seconds)"));
        assertEquals(Duration.ofSeconds(1), Schedules.period(" rate( 1 second ) "));
        assertEquals(Duration.ofHours(2), Schedules.period("rate(2 hours)"));
        assertEquals(Duration.ofDays(1), Schedules.period("rate(1 day)"));
    }

    @Test
    void treatsAnyCronAsEveryMinute() {
        assertEquals(Duration.ofMinutes(1), Schedules.period("cron(0/5 * * * ? *)"));
        assertEquals(Duration.ofMinutes(1), Schedules.period("cron(0 12 * * ? *)"));
    }

    @Test
    void refusesWhatIsNotAScheduleExpression() {
        assertThrows(IllegalArgumentException.class, () -> Schedules.period("every minute"));
        assertThrows(IllegalArgumentException.class, () -> Schedules.period("rate(0 minutes)"));
        assertThrows(IllegalArgumentException.class, () -> Schedules.period("rate(5 fortnights)"));
        assertThrows(IllegalArgumentException.class, () -> Schedules.period(null));
    }

    @Test
    void buildsTheEventBridgeScheduledEvent() {
        JsonNode event = Schedules.scheduledEvent("id-1", Instant.parse("2026-01-01T17:48:14.567Z"), "us-east-1",
                "arn:aws:events:us-east-1:000000000000:rule/ReleaseFunctionRelease");

        assertEquals("0", event.get("version").asText());
        assertEquals("id-1", event.get("id").asText());
        assertEquals("Scheduled Event", event.get("detail-type").asText());
        assertEquals("aws.events", event.get("source").asText());
        assertEquals("000000000000", event.get("account").asText());
        assertEquals("2026-01-01T17:48:14Z", event.get("time").asText());
        assertEquals("us-east-1", event.get("region").asText());
        assertEquals("arn:aws:events:us-east-1:000000000000:rule/ReleaseFunctionRelease", event.at("/resources/0").asText());
        assertTrue(event.get("detail").isObject() && event.get("detail").isEmpty());
    }

    @Test
    void firesAtItsPeriodWithTheEventOrTheDeclaredInput() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        Invoker function = event -> {
            received.add(new String(event, StandardCharsets.UTF_8));
            if (received.size() >= 3) {
                enough.complete(null);
            }
            return CompletableFuture.completedFuture(new InvocationResult.Answered(new byte[0]));
        };
        try (Schedules schedules = new Schedules(2)) {
            schedules.start(new Schedules.Timer("ReleaseFunction", "Release", "Schedule", Duration.ofMillis(100), null,
                    "us-east-1"), function);
            schedules.start(new Schedules.Timer("ReleaseFunction", "Sweep", "ScheduleV2", Duration.ofMillis(100),
                    "{\"job\":\"sweep\"}", "us-east-1"), function);
            enough.get(5, TimeUnit.SECONDS);
        }

        assertTrue(received.stream().anyMatch(e -> e.equals("{\"job\":\"sweep\"}")));
        JsonNode scheduled = Json.MAPPER.readTree(received.stream().filter(e -> e.contains("Scheduled Event")).findFirst().orElseThrow());
        assertEquals("arn:aws:events:us-east-1:000000000000:rule/ReleaseFunctionRelease", scheduled.at("/resources/0").asText());
    }
}
