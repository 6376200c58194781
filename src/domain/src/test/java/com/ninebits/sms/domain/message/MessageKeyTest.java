package com.ninebits.sms.domain.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageKeyTest {

    @Test
    void messageIdJoinsAccountReferenceAndIndexWithTildes() {
        assertEquals("acc_7k2m~01JD3V6Q9ZK4B7M2X8N5P0RS1T~42",
                new MessageKey("acc_7k2m", "01JD3V6Q9ZK4B7M2X8N5P0RS1T", 42).messageId());
    }

    @Test
    void parseReadsBackWhatMessageIdWrote() {
        MessageKey key = new MessageKey("acc_7k2m", "01JD3V6Q9ZK4B7M2X8N5P0RS1T", 42);

        assertEquals(Optional.of(key), MessageKey.parse(key.messageId()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order.2026-01-01_batch:7", "a.b", "a_b", "a:b", "a-b", ".", "_", ":", "-", "..", "-1",
            "12:30", "x:1:2"})
    void aReferenceWithDotsUnderscoresColonsAndDashesRoundTrips(String reference) {
        for (int index : new int[]{0, 1, 9_999, Integer.MAX_VALUE}) {
            MessageKey key = new MessageKey("acc_7k2m", reference, index);

            assertEquals(Optional.of(key), MessageKey.parse(key.messageId()), key.messageId());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"~", "~~", "~~~", "acc", "acc~ref", "acc~1", "~ref~1", "acc~~1", "acc~ref~", "acc~ref~x",
            "acc~ref~-1", "acc~ref~1.5", "acc~ref~ 1", "acc~ref~2147483648", "acc~ref~99999999999"})
    void parseRefusesMalformedIds(String messageId) {
        assertEquals(Optional.empty(), MessageKey.parse(messageId));
    }

    /** Only the form messageId() writes parses: no sign, no leading zero, ASCII digits; one id per message. */
    @ParameterizedTest
    @ValueSource(strings = {"acc~ref~+1", "acc~ref~01", "acc~ref~-0", "acc~ref~\u0661"})
    void parseRefusesAnIndexThatMessageIdWouldNotHaveWritten(String messageId) {
        assertEquals(Optional.empty(), MessageKey.parse(messageId),
                "parsed as " + MessageKey.parse(messageId).map(MessageKey::messageId).orElse(""));
    }

    /** A report naming ids the gateway never gives out is unmatched, never a store key that the store refuses. */
    @Test
    void parseRefusesAccountsAndReferencesThatCouldNotExist() {
        String tooLong = "r".repeat(65);
        for (String messageId : new String[]{"acc~" + tooLong + "~1", "a".repeat(2000) + "~ref~1", "acc~ref~x~1",
                "acc~ref with space~1", "acc~réf~1"}) {
            assertEquals(Optional.empty(), MessageKey.parse(messageId), messageId);
        }
    }
}
