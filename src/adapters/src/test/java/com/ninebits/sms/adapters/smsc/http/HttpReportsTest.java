package com.ninebits.sms.adapters.smsc.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The generic connector's report format, as the simulator writes it and the webhook reads it. */
class HttpReportsTest {

    private static final String SECRET = "test-http-secret";
    private static final Instant AT = Instant.parse("2026-11-28T10:00:00.250Z");
    private final HttpReports reports = new HttpReports(Optional.of(SECRET), new ObjectMapper());

    @Test
    void aReportTheSimulatorWritesReadsBackAsTheSameReceipt() throws Exception {
        String body = HttpReports.body("acc_1~ref~0", "sim-1", "undelivered", AT, "absent_subscriber");

        DeliveryReceipt receipt = reports.read(Map.of(), SECRET, bytes(body));

        assertEquals(new DeliveryReceipt("http", "acc_1~ref~0", MessageState.Status.FAILED, "sim-1", AT, "absent_subscriber"),
                receipt);
        assertEquals("{\"message_id\":\"acc_1~ref~0\",\"smsc_message_id\":\"sim-1\",\"status\":\"delivered\","
                + "\"timestamp\":\"2026-11-28T10:00:00.250Z\"}", HttpReports.body("acc_1~ref~0", "sim-1", "delivered", AT, null));
    }

    @Test
    void theSimulatorReportsToThePathWithTheSecretInTheUrl() {
        assertEquals("http://127.0.0.1:8090/ng/v1/dlr/http?secret=a+b%26c",
                HttpReports.url("http://127.0.0.1:8090//", Optional.of("a b&c")));
        assertEquals("http://127.0.0.1:8090/ng/v1/dlr/http", HttpReports.url("http://127.0.0.1:8090", Optional.empty()));
    }

    @Test
    void readsSmppsShortStatusWordsAndUnixSeconds() throws Exception {
        DeliveryReceipt receipt = reports.read(Map.of("secret", List.of(SECRET)), null,
                bytes("{\"message_id\":\"m\",\"status\":\"DELIVRD\",\"timestamp\":\"1795000060\"}"));

        assertEquals(MessageState.Status.DELIVERED, receipt.status());
        assertEquals(Instant.ofEpochSecond(1_795_000_060L), receipt.smscTimestamp());
    }

    /** The one bound on what an SMSC's error code may take, as Kannel's reports are cut. */
    @Test
    void anOverlongErrorCodeIsCutToTheBoundEveryReportHas() throws Exception {
        String body = HttpReports.body("m", "s", "undelivered", AT, "e".repeat(500));

        DeliveryReceipt receipt = reports.read(Map.of(), SECRET, bytes(body));

        assertEquals("e".repeat(com.ninebits.sms.adapters.smsc.SmscReports.ERROR_CODE_LENGTH), receipt.errorCode());
    }

    @Test
    void refusesWhatIsNotACompleteReport() {
        assertThrows(DomainException.Invalid.class, () -> reports.read(Map.of(), SECRET, null));
        assertThrows(DomainException.Invalid.class, () -> reports.read(Map.of(), SECRET, new byte[0]));
        assertThrows(DomainException.Invalid.class, () -> reports.read(Map.of(), SECRET, new byte[HttpReports.MAX_BODY + 1]));
        assertThrows(DomainException.Invalid.class, () -> reports.read(Map.of(), SECRET, bytes("[1]")));
        assertThrows(DomainException.Invalid.class, () -> reports.read(Map.of(), SECRET, bytes("{\"status\":\"delivered\"}")));
        assertThrows(DomainException.Invalid.class, () -> reports.read(Map.of(), SECRET,
                bytes("{\"message_id\":\"m\",\"status\":\"lost\"}")));
        assertThrows(JsonProcessingException.class, () -> reports.read(Map.of(), SECRET, bytes("{nope")));
    }

    @Test
    void nothingIsReadWithoutTheSecret() {
        byte[] body = bytes(HttpReports.body("m", "s", "delivered", AT, null));

        assertThrows(DomainException.Unauthorized.class, () -> reports.read(Map.of(), null, body));
        assertThrows(DomainException.Unauthorized.class, () -> reports.read(Map.of("secret", List.of("wrong")), SECRET, body));
        assertThrows(DomainException.Unauthorized.class,
                () -> new HttpReports(Optional.empty(), new ObjectMapper()).read(Map.of(), SECRET, body));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
