package com.ninebits.sms.dlr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A report the store refuses is answered 503 with {@code Retry-After}, so that the SMSC sends it
 * again: a failure the resource throws and the function's problem mapping words.
 */
class DlrStoreDownTest {

    /** A store that is down: every write fails. */
    private static final ReceiptLedger DOWN = new ReceiptLedger() {
        @Override
        public Move apply(MessageKey key, MessageState.Status status, String smscMessageId, Instant smscTimestamp,
                          String errorCode, Instant now) {
            throw new IllegalStateException("the store is down");
        }

        @Override
        public void keepUnmatched(DeliveryReceipt receipt, Instant now) {
            throw new IllegalStateException("the store is down");
        }
    };

    @Test
    void aReportTheStoreRefusesIsAnswered503WithRetryAfterSoTheSmscSendsItAgain() {
        DlrResource resource = new DlrResource(new ReceiptApplication(DOWN, tasks -> {
        }, Clock.systemUTC()), new DlrConfig() {
            @Override
            public Optional<String> kannelsecret() {
                return Optional.of("k");
            }

            @Override
            public Optional<String> httpsecret() {
                return Optional.of("h");
            }
        }, new ObjectMapper(), com.ninebits.sms.domain.telemetry.Telemetry.NONE, Clock.systemUTC());
        DeliveryReceipt receipt = new DeliveryReceipt("kannel", "acc_1~ref~0", MessageState.Status.DELIVERED, null, null, null);

        DomainException.Unavailable failure = assertThrows(DomainException.Unavailable.class, () -> resource.apply(receipt));
        Response answer = new ProblemMappers().domain(failure);

        assertEquals(503, answer.getStatus());
        assertEquals("5", answer.getHeaderString("Retry-After"));
        assertEquals("application/problem+json", answer.getMediaType().toString());
        ProblemBody body = (ProblemBody) answer.getEntity();
        assertEquals("unavailable", body.code());
        assertEquals("Service unavailable", body.title());
        assertEquals("the report could not be stored; try again", body.detail());
        assertNull(body.errors());
    }
}
