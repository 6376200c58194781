package com.ninebits.sms.adapters.smsc.kannel;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Kannel's half of the report protocol: the dlr-url asked for, and the call that comes back to it. */
class KannelReportsTest {

    private static final String SECRET = "s3cr%t&=+ ok";
    private static final String MESSAGE = "acc_1~order 17/å~3";
    private final KannelReports reports = new KannelReports(Optional.of(SECRET));

    @Test
    void theDlrUrlAskedForReadsBackAsAReportOnThatMessage() {
        String url = KannelReports.dlrUrl("https://dlr.example.com", Optional.of(SECRET), MESSAGE);

        String called = kannelFillsIn(url, "2", "1795000060", "NACK/0x0000000b/Invalid Destination Address", "smsc-77");
        DeliveryReceipt receipt = reports.read(query(called), null);

        assertEquals(KannelReports.PATH, URI.create(called).getRawPath());
        assertEquals(new DeliveryReceipt("kannel", MESSAGE, MessageState.Status.FAILED, "smsc-77",
                Instant.ofEpochSecond(1_795_000_060L), "NACK/0x0000000b/Invalid_Destination_Address"), receipt);
    }

    @Test
    void withoutASecretTheDlrUrlCarriesNone() {
        String url = KannelReports.dlrUrl("https://dlr.example.com", Optional.empty(), "a~b~0");

        assertEquals("https://dlr.example.com/ng/v1/dlr/kannel?message_id=a%%7Eb%%7E0&type=%d&ts=%T&reply=%A&smsc_id=%F", url);
    }

    @ParameterizedTest
    @CsvSource({"1, DELIVERED", "2, FAILED", "4, QUEUED", "8, DISPATCHED", "16, REJECTED", " 1 , DELIVERED"})
    void readsEveryReportTypeKannelSends(String type, MessageState.Status status) {
        assertEquals(status, reports.read(report(type, ""), null).status());
    }

    @Test
    void onlyAFailureOrRefusalCarriesAnErrorCodeAndABlankReplyIsUndelivered() {
        assertNull(reports.read(report("1", "ACK/"), null).errorCode());
        assertNull(reports.read(report("8", "ACK/"), null).errorCode());
        assertEquals("undelivered", reports.read(report("2", ""), null).errorCode());
        assertEquals("x".repeat(64), reports.read(report("16", "x".repeat(100)), null).errorCode());
    }

    @Test
    void aBlankSmscIdAndAnUnreadableTimestampAreLeftOut() {
        Map<String, List<String>> query = report("1", "");
        query.put("smsc_id", List.of(" "));
        query.put("ts", List.of("%T"));

        DeliveryReceipt receipt = reports.read(query, null);

        assertNull(receipt.smscMessageId());
        assertNull(receipt.smscTimestamp());
    }

    @Test
    void refusesAReportWithoutAMessageIdOrAKnownType() {
        Map<String, List<String>> noId = report("1", "");
        noId.remove("message_id");

        assertThrows(DomainException.Invalid.class, () -> reports.read(noId, null));
        assertThrows(DomainException.Invalid.class, () -> reports.read(report("3", ""), null));
        assertThrows(DomainException.Invalid.class, () -> reports.read(report(null, ""), null));
    }

    @Test
    void theSecretComesInTheUrlOrInTheHeaderAndNothingIsReadWithoutIt() {
        Map<String, List<String>> inHeader = report("1", "");
        inHeader.remove("secret");
        Map<String, List<String>> wrong = report("1", "");
        wrong.put("secret", List.of("wrong"));

        assertEquals(MessageState.Status.DELIVERED, reports.read(inHeader, SECRET).status());
        assertThrows(DomainException.Unauthorized.class, () -> reports.read(inHeader, null));
        assertThrows(DomainException.Unauthorized.class, () -> reports.read(wrong, SECRET));
        assertThrows(DomainException.Unauthorized.class, () -> new KannelReports(Optional.empty()).read(report("1", ""), null));
        assertThrows(DomainException.Unauthorized.class, () -> new KannelReports(Optional.of(" ")).read(inHeader, " "));
    }

    private static Map<String, List<String>> report(String type, String reply) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("secret", List.of(SECRET));
        query.put("message_id", List.of(MESSAGE));
        if (type != null) {
            query.put("type", List.of(type));
        }
        query.put("ts", List.of("1795000000"));
        query.put("reply", List.of(reply));
        query.put("smsc_id", List.of("smsc-1"));
        return query;
    }

    /** What Kannel's smsbox does with a dlr-url: {@code %%} becomes {@code %}, and each escape its value, URL-encoded. */
    private static String kannelFillsIn(String url, String type, String ts, String reply, String smscId) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char escape = url.charAt(++i);
            out.append(switch (escape) {
                case '%' -> "%";
                case 'd' -> type;
                case 'T' -> ts;
                case 'A' -> URLEncoder.encode(reply, StandardCharsets.UTF_8);
                case 'F' -> URLEncoder.encode(smscId, StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("Kannel has no escape %" + escape);
            });
        }
        return out.toString();
    }

    /** The decoded query, as JAX-RS hands it to the resource. */
    private static Map<String, List<String>> query(String url) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
