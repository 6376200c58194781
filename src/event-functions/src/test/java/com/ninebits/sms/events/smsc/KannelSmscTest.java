package com.ninebits.sms.events.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.ninebits.sms.adapters.smsc.kannel.KannelReports;
import com.ninebits.sms.adapters.smsc.kannel.KannelSmsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;
import com.ninebits.sms.domain.text.Encoding;
import com.ninebits.sms.testsupport.Kannel;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.ReportReceiver;
import com.ninebits.sms.testsupport.ReportReceiver.Report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

// A @QuarkusTest although no bean is used: the REST client's implementations are generated when
// Quarkus builds the application, so it cannot be built in a plain unit test.
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class,
        initArgs = @ResourceArg(name = LocalStackResource.FUNCTION_ARG, value = "SendRequestFunction"))
class KannelSmscTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    // Characters that must survive two rounds of escaping: into the report URL, and through Kannel's own % escapes.
    private static final String SECRET = "s3cr/t+%d é";
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private static Kannel kannel;
    private static ReportReceiver webhook;

    @BeforeAll
    static void start() {
        kannel = Kannel.start(Path.of("target", "kannel", "KannelSmscTest"));
        webhook = ReportReceiver.start();
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (kannel != null) {
            kannel.close();
        }
    }

    @Test
    void gsmTextIsAcceptedUnderOurMessageIdAndReachesTheSmscAsSent() {
        Submission submission = submission("Price: 1+1=2 & 100% {ok} €5 @home", Encoding.GSM7);

        SubmitResult result = submit(kannelSmsc(kannel.password()), submission);

        assertEquals(new SubmitResult.Accepted(submission.messageId()), result);
        Kannel.Received received = kannel.awaitReceived(r -> r.to().equals("+" + submission.to()), WAIT);
        assertEquals("MyBrand", received.from());
        assertEquals("text", received.type());
        assertEquals(submission.body(), received.text());
    }

    @Test
    void ucs2TextTravelsAsUcs2() {
        Submission submission = submission("Привет, мир 😀 — 你好", Encoding.UCS2);

        SubmitResult result = submit(kannelSmsc(kannel.password()), submission);

        assertEquals(new SubmitResult.Accepted(submission.messageId()), result);
        Kannel.Received received = kannel.awaitReceived(r -> r.to().equals("+" + submission.to()), WAIT);
        assertEquals("ucs-2", received.type());
        assertEquals(submission.body(), received.text());
    }

    @Test
    void aLongTextGoesWholeAndKannelSplitsIt() {
        Submission submission = submission("0123456789".repeat(20), Encoding.GSM7);

        submit(kannelSmsc(kannel.password()), submission);

        // The concatenation header ends "<total parts><this part>": wait for part 2 of 2.
        kannel.awaitReceived(r -> r.to().equals("+" + submission.to()) && r.udh() != null && r.udh().endsWith("%02%02"), WAIT);
        List<Kannel.Received> parts = kannel.received().stream().filter(r -> r.to().equals("+" + submission.to())).toList();
        assertEquals(2, parts.size(), parts.toString());
    }

    @Test
    void reportsComeBackToTheWebhookWithOurMessageIdSecretAndKannelsFields() throws InterruptedException {
        Submission submission = submission("Report me", Encoding.GSM7);

        submit(kannelSmsc(kannel.password()), submission);

        // Only the reports that carry news are asked for (dlr-mask 19): here, the one "delivered".
        List<Report> received = webhook.await(submission.messageId(), 1, WAIT);
        assertEquals(Set.of("1"), received.stream().map(r -> r.query().get("type")).collect(Collectors.toSet()));
        long now = Instant.now().getEpochSecond();
        for (Report report : received) {
            assertEquals(KannelReports.PATH, report.path());
            assertEquals(SECRET, report.query().get("secret"));
            assertTrue(Math.abs(now - Long.parseLong(report.query().get("ts"))) < 300, report.toString());
            assertTrue(report.query().containsKey("reply"), report.toString());
        }
        Report delivered = received.stream().filter(r -> r.query().get("type").equals("1")).findFirst().orElseThrow();
        assertFalse(delivered.query().get("smsc_id").isEmpty(), "the delivery report carries the SMSC's id: " + delivered);
    }

    @Test
    void aWrongPasswordIsRejected() {
        SubmitResult result = submit(kannelSmsc("not-the-password"), submission("Hello", Encoding.GSM7));

        assertEquals(new SubmitResult.Rejected("403", "HTTP 403: Authorization failed for sendsms"), result);
    }

    @Test
    void queuedForLaterDeliveryIsAcceptedSinceKannelKeepsTheMessage() {
        try (Kannel unbound = Kannel.start(Path.of("target", "kannel", "KannelSmscTest-unbound"))) {
            unbound.stopFakesmsc();
            Submission submission = submission("Hello", Encoding.GSM7);

            SubmitResult result = submit(new KannelSmsc(URI.create(unbound.sendsmsUrl()), unbound.username(), unbound.password(),
                    Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(5), Clock.systemUTC()), submission);

            assertEquals(new SubmitResult.Accepted(submission.messageId()), result);
            assertEquals(List.of(), unbound.received());
        }
    }

    @Test
    void aStoppedKannelIsRetriedLater() {
        Kannel stopped = Kannel.start(Path.of("target", "kannel", "KannelSmscTest-stopped"));
        KannelSmsc smsc = new KannelSmsc(URI.create(stopped.sendsmsUrl()), stopped.username(), stopped.password(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(2), Clock.systemUTC());
        stopped.close();

        SubmitResult result = submit(smsc, submission("Hello", Encoding.GSM7));

        SubmitResult.RetryLater retry = assertInstanceOf(SubmitResult.RetryLater.class, result);
        assertTrue(retry.reason().contains("Connection refused"), retry.reason());
        assertTrue(retry.notBefore().compareTo(Duration.ofSeconds(1)) >= 0 && retry.notBefore().compareTo(Duration.ofSeconds(5)) <= 0,
                retry.toString());
    }

    private static KannelSmsc kannelSmsc(String password) {
        return new KannelSmsc(URI.create(kannel.sendsmsUrl()), kannel.username(), password,
                Optional.of(webhook.baseUrl() + "/"), Optional.of(SECRET),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static SubmitResult submit(KannelSmsc smsc, Submission submission) {
        try (smsc) {
            return smsc.submit(submission);
        }
    }

    private static Submission submission(String body, Encoding encoding) {
        String to = "23480300" + String.format("%05d", NUMBERS.incrementAndGet());
        return new Submission("msg-" + UUID.randomUUID(), "acc-1", "MyBrand", to, body, encoding, 1, true);
    }
}
