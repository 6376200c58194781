package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk over an SQS event, with events in the JSON Lambda hands a function (read the way the
 * Lambda runtime reads them: property names case-insensitive). Each record's body says what its
 * step answers; a body that is not JSON throws while it is decoded.
 */
class SqsBatchTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A record's body. */
    record Step(String step, String answer) {
    }

    private final List<String> processed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Duration> delays = Collections.synchronizedMap(new LinkedHashMap<>());

    @Test
    void sequentialReportsTheRecordsHandedBackAndTheOneThatThrewWhileDecoding() {
        SqsBatch batch = SqsBatch.sequential("test");

        SQSBatchResponse response = batch.process(event("standard-event.json"), this::handle);

        assertEquals(List.of(id(2), id(3)), failed(response));
        assertEquals(List.of("one", "two", "four"), processed, "every record is handled, in order");
    }

    @Test
    void parallelHandlesTheRecordsAtOnceAndReportsFailuresInRecordOrder() {
        CountDownLatch allStarted = new CountDownLatch(3);
        try (SqsBatch batch = SqsBatch.parallel("test", 10)) {
            SQSBatchResponse response = batch.process(event("standard-event.json"), record -> {
                Step step = decode(record);
                allStarted.countDown();
                try {
                    // Handled one after another, the first record would wait here for the others in vain.
                    if (!allStarted.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the records were not handled in parallel");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return answer(step);
            });

            assertEquals(List.of(id(2), id(3)), failed(response));
        }
    }

    @Test
    void fifoHoldsBackTheRestOfAGroupAfterAFailureAndLetsOtherGroupsGoOn() {
        SqsBatch batch = SqsBatch.fifoGroups("test", (record, after) -> delays.put(record.getMessageId(), after));

        SQSBatchResponse response = batch.process(event("fifo-event.json"), this::handle);

        // A: a1 done, a2 waits 7 s, so a3 and a4 are held with it. B: b1 throws while decoding, so b2 is held.
        // C: c1 done, c2 handed back, so c3 is held. D: d1 done.
        assertEquals(List.of(id(2), id(3), id(5), id(6), id(7), id(8), id(9)), failed(response));
        assertEquals(List.of("a1", "a2", "c1", "c2", "d1"), processed, "held records are never handled");
        assertEquals(Map.of(id(2), Duration.ofSeconds(7), id(5), Duration.ofSeconds(7), id(8), Duration.ofSeconds(7)),
                delays, "a held record comes back with the record it waits behind; no delay leaves the queue's own");
    }

    @Test
    void anEventWithoutRecordsHasNoFailures() {
        SqsBatch batch = SqsBatch.fifoGroups("test", (record, after) -> delays.put(record.getMessageId(), after));

        assertTrue(failed(batch.process(new SQSEvent(), this::handle)).isEmpty());
        assertTrue(failed(batch.process(null, this::handle)).isEmpty());
        assertTrue(processed.isEmpty());
    }

    private SqsBatch.Result handle(SQSEvent.SQSMessage record) {
        Step step = decode(record);
        processed.add(step.step());
        return answer(step);
    }

    private static Step decode(SQSEvent.SQSMessage record) {
        try {
            return JSON.readValue(record.getBody(), Step.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SqsBatch.Result answer(Step step) {
        switch (step.answer()) {
            case "done":
                return SqsBatch.Result.DONE;
            case "hand_back":
                return SqsBatch.Result.HAND_BACK;
            case "wait_7s":
                return SqsBatch.Result.handBackAfter(Duration.ofSeconds(7));
            default:
                throw new IllegalArgumentException(step.answer());
        }
    }

    private static SQSEvent event(String name) {
        try (InputStream in = SqsBatchTest.class.getResourceAsStream("/sqs-batch/" + name)) {
            return JSON.readValue(in, SQSEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static String id(int record) {
        return String.format("00000000-0000-4000-8000-%012d", record);
    }
}
