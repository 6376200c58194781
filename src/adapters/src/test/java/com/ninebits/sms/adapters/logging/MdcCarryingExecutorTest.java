package com.ninebits.sms.adapters.logging;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invariant: a submitter's log lines carry the ids of the record that handed it the message, and no other's. */
class MdcCarryingExecutorTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final MdcCarryingExecutor executor = new MdcCarryingExecutor(pool);

    @BeforeEach
    void startThePoolThreadWithAnEmptyMdc() throws Exception {
        // Started before any id is put, so that it inherits none (the test's MDC provider shares the parent's map).
        MDC.clear();
        pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        MDC.clear();
    }

    @Test
    void aTaskOnAPoolThreadCarriesTheIdsOfTheThreadThatHandedItOver() throws Exception {
        MDC.put("account_id", "acc_1");
        MDC.put("reference_id", "ref-1");
        CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();

        executor.execute(() -> seen.complete(new HashMap<>(MDC.getMap())));

        assertEquals(Map.of("account_id", "acc_1", "reference_id", "ref-1"), seen.get(5, TimeUnit.SECONDS));
    }

    @Test
    void thePoolThreadKeepsNothingOfATaskForTheNext() throws Exception {
        MDC.put("account_id", "acc_1");
        executor.execute(() -> { });
        MDC.clear();
        CompletableFuture<Map<String, Object>> next = new CompletableFuture<>();

        pool.execute(() -> next.complete(new HashMap<>(MDC.getMap())));

        assertEquals(Map.of(), next.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aTaskRunOnTheCallersThreadLeavesTheCallersIdsAsTheyWere() {
        MdcCarryingExecutor inline = new MdcCarryingExecutor(Runnable::run);
        MDC.put("account_id", "acc_1");

        inline.execute(() -> MDC.put("message_id", "m-1"));

        assertEquals(Map.of("account_id", "acc_1"), MDC.getMap());
    }
}
