package com.ninebits.sms.events;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.text.Encoding;
import com.ninebits.sms.testsupport.Kannel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The dispatcher submitting through the {@code kannel} connector to a real Kannel, whose fake SMSC plays the operator. */
@QuarkusTest
@TestProfile(KannelDispatchTest.KannelProfile.class)
class KannelDispatchTest {

    public static class KannelProfile extends DispatcherProfile {
        public KannelProfile() {
            super("kannel", KannelStack.class, Map.of());
        }
    }

    /** Starts Kannel before Quarkus, so that the connector is configured with its sendsms URL and credentials. */
    public static class KannelStack extends DispatcherStackResource {

        static volatile Kannel running;

        @Override
        protected Map<String, String> smsc() {
            running = Kannel.start(Path.of("target", "kannel", "KannelDispatchTest"));
            // Delivery reports are not under test here: Kannel is told to report to a port nobody listens on.
            return Map.of("sms.smsc.url", running.sendsmsUrl(),
                    "sms.smsc.username", running.username(),
                    "sms.smsc.password", running.password(),
                    "sms.smsc.dlrurl", "http://127.0.0.1:" + closedPort());
        }

        @Override
        public void stop() {
            if (running != null) {
                running.close();
            }
            super.stop();
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    @Inject
    BatchReport report;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();
    @Inject
    Customers customers;
    private Kannel kannel;

    @BeforeEach
    void fixtures() {
        kannel = KannelStack.running;
        assertNotNull(kannel, "Kannel starts with the application");
    }

    // Invariant: a GSM 7-bit message reaches the SMSC with its text intact, and is `dispatched`
    // under the id Kannel's reports will carry (ours, since Kannel's answer names none).
    @Test
    void aGsmMessageReachesTheSmscAndIsDispatchedUnderOurMessageId() {
        assertReachesTheSmscAndIsDispatched("Your code is 1234 {valid} for 5 min", Encoding.GSM7, "text");
    }

    // Invariant: a UCS-2 message reaches the SMSC as UCS-2 with every character intact, and is
    // `dispatched` under the id Kannel's reports will carry.
    @Test
    void aUcs2MessageReachesTheSmscAndIsDispatchedUnderOurMessageId() {
        assertReachesTheSmscAndIsDispatched("Ваш код 1234 — 有效 ✓", Encoding.UCS2, "ucs-2");
    }

    private void assertReachesTheSmscAndIsDispatched(String body, Encoding encoding, String fakesmscType) {
        String account = customers.open(100, null);
        String number = Customers.number();
        Batch batch = customers.send(account, List.of(number), body);
        assertEquals(encoding, batch.encoding());
        assertEquals(1, batch.parts());

        DispatchQueueDriver.Delivery delivery = queue.deliver(queue.receiveSome(account, PATIENCE));

        assertEquals(List.of(), delivery.failed());
        Kannel.Received received = kannel.awaitReceived(r -> r.to().equals(number), PATIENCE);
        assertEquals(Customers.SENDER, received.from());
        assertEquals(fakesmscType, received.type());
        assertEquals(body, received.text());
        MessageState message = customers.messages(account, batch).get(0);
        assertEquals(MessageState.Status.DISPATCHED, message.status());
        assertEquals(new MessageKey(account, batch.referenceId(), 0).messageId(), message.smscMessageId());
        assertEquals(99, customers.balance(account));
    }
}
