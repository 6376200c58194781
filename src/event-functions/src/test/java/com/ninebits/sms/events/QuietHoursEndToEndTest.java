package com.ninebits.sms.events;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.dispatch.HeldRelease;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.quiet.QuietHoursSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quiet hours end to end, with the application's clock moved instead of waited for: accepted
 * through the use case, dispatched by the dispatcher function from the real local queue to the
 * simulator SMSC, held messages filed in the real store and released by the schedule's use case
 * back onto the real queue when the recipient's night ends.
 */
@QuarkusTest
@TestProfile(QuietHoursEndToEndTest.WithMovableClock.class)
class QuietHoursEndToEndTest {

    public static class WithMovableClock extends DispatcherProfile {
        public WithMovableClock() {
            super("simulator", DispatcherStackResource.class, Map.of());
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    MovableClock clock;
    @Inject
    Customers customers;
    @Inject
    BatchSubmission submission;
    @Inject
    QuietHoursSettings quietHours;
    @Inject
    HeldRelease release;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();

    private Batch send(String account, List<String> to, Instant expireAt, String quiet) {
        return submission.submit(account, new SendRequest(Customers.SENDER, to, "Good morning", null, "none", null,
                expireAt == null ? null : expireAt.toString(), "ref-" + UUID.randomUUID(), null, List.of(), quiet)).batch();
    }

    /** Takes the account's next {@code count} chunks off the queue and has the dispatcher function send them. */
    private void dispatch(String account, int count) {
        List<Message> got = new ArrayList<>();
        Instant until = Instant.now().plus(PATIENCE);
        while (got.size() < count && Instant.now().isBefore(until)) {
            got.addAll(queue.receive(account, Duration.ofSeconds(2)));
        }
        assertEquals(count, got.size(), "chunks on the queue");
        for (Message m : got) {
            assertEquals(List.of(), queue.deliver(List.of(m)).failed());
        }
    }

    private MessageState message(String account, Batch batch, int index) {
        return customers.messages(account, batch).get(index);
    }

    // Invariant: a message due in its recipient's quiet hours reaches the SMSC when they end, not
    // before; it holds up none of the account's other messages; a batch that ignores quiet hours is
    // never held; a held message whose expiry comes first ends expired and is refunded, once.
    @Test
    void aMessageHeldInTheRecipientsNightGoesInTheMorningAndHoldsUpNothingElse() {
        String account = customers.open(100, null);
        quietHours.set(account, "21:00", "08:00");
        // 20:15 UTC two days on: 21:15 in Lagos (UTC+1, no DST); afternoon everywhere in Brazil (UTC-2 to -5, no DST).
        Instant evening = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2)).plus(Duration.ofMinutes(20 * 60 + 15));
        Instant lagosMorning = evening.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(24 + 7));
        clock.setTo(evening);
        String nigeria1 = Customers.number();
        String brazil = "+5511987654321";
        String nigeria2 = Customers.number();

        Batch night = send(account, List.of(nigeria1, brazil, nigeria2), null, null);
        Batch otp = send(account, List.of(Customers.number()), null, "ignore");
        Batch shortLived = send(account, List.of(Customers.number()), evening.plus(Duration.ofHours(1)), null);
        assertEquals(95, customers.balance(account));
        dispatch(account, 3);

        assertEquals(Status.DISPATCHED, message(account, night, 1).status(), "the Brazilian afternoon message went at once");
        assertEquals(Status.DISPATCHED, message(account, otp, 0).status(), "quiet_hours: ignore is never held");
        for (int index : new int[]{0, 2}) {
            MessageState held = message(account, night, index);
            assertEquals(Status.QUEUED, held.status());
            assertEquals(lagosMorning, held.heldUntil());
            assertNull(held.smscMessageId(), "it never reached the SMSC");
        }
        assertEquals(Status.QUEUED, message(account, shortLived, 0).status());

        assertEquals(0, release.releaseDue());
        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(1)), "nothing released in the night");

        clock.setTo(shortLived.expireAt().plusSeconds(30));
        assertEquals(1, release.releaseDue(), "the short-lived one is due at its expiry");
        dispatch(account, 1);
        assertEquals(Status.EXPIRED, message(account, shortLived, 0).status());
        assertEquals(96, customers.balance(account), "its part came back");

        clock.setTo(lagosMorning.minusSeconds(90));
        release.releaseDue();
        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(1)), "still night in Lagos");
        assertEquals(Status.QUEUED, message(account, night, 0).status());

        clock.setTo(lagosMorning.plusSeconds(30));
        assertEquals(2, release.releaseDue());
        dispatch(account, 2);

        for (int index : new int[]{0, 2}) {
            MessageState went = message(account, night, index);
            assertEquals(Status.DISPATCHED, went.status(), went.toString());
            assertNotNull(went.smscMessageId());
            assertFalse(went.updatedAt().isBefore(lagosMorning), "reached the SMSC at " + went.updatedAt());
        }
        assertTrue(message(account, night, 1).updatedAt().isBefore(evening.plusSeconds(60)));
        assertEquals(0, release.releaseDue(), "released once");
        assertEquals(96, customers.balance(account), "five parts charged, one refunded, nothing more");
    }
}
