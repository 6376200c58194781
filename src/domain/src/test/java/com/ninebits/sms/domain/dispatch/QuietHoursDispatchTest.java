package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.callback.RecordingCallbackQueue;
import com.ninebits.sms.domain.dispatch.DispatchRequeue.Released;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Done;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.quiet.QuietHours;
import com.ninebits.sms.domain.quiet.QuietHoursStore;
import com.ninebits.sms.domain.quiet.RegionZones;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quiet hours in the dispatcher, with the fake clock moved instead of waited for: a message due in
 * its recipient's night is filed for its end and left out of the run; the release puts it back
 * on the queue as a chunk of its own when the night ends.
 */
class QuietHoursDispatchTest {

    private static final String ACCOUNT = "acc_1";
    /** 21:30 in Lagos (UTC+1), 20:30 in London: night for a Nigerian number, evening for a British one. */
    private static final Instant T0 = Instant.parse("2026-01-01T20:30:00Z");
    /** 08:00 in Lagos the next morning. */
    private static final Instant LAGOS_MORNING = Instant.parse("2026-01-02T07:00:00Z");
    private static final String NG0 = "2348020000000";
    private static final String NG1 = "2348020000001";
    private static final String NG2 = "2348020000002";
    private static final String GB = "447911123456";
    private static final long START_BALANCE = 1000;

    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryHeldMessages held = new InMemoryHeldMessages(ledger);
    private final RecordingSmsc smsc = new RecordingSmsc(clock);
    private final Map<String, QuietHours> settings = new HashMap<>();
    private final List<Released> requeued = new ArrayList<>();
    private final MessageDispatch dispatch = new MessageDispatch(batches, accounts, credit, ledger, new InMemoryRateLimiter(),
            smsc, new RecordingCallbackQueue(), clock, clock::advance, Runnable::run,
            new QuietHold(new Settings(), held, RegionZones.tzdata()));
    private final HeldRelease release = new HeldRelease(held, requeued::addAll, clock, 250);

    private final class Settings implements QuietHoursStore {
        @Override
        public Optional<QuietHours> find(String accountId) {
            return Optional.ofNullable(settings.get(accountId));
        }

        @Override
        public void put(String accountId, QuietHours hours) {
            settings.put(accountId, hours);
        }

        @Override
        public void delete(String accountId) {
            settings.remove(accountId);
        }
    }

    QuietHoursDispatchTest() {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 100, Account.DEFAULT_DISPATCH_WINDOW, 10, START_BALANCE, T0));
        credit.open(ACCOUNT, START_BALANCE);
        settings.put(ACCOUNT, QuietHours.parse("21:00", "08:00"));
    }

    private Batch accepted(String ref, Instant createdAt, Duration validity, boolean ignoreQuietHours, String... to) {
        Batch b = new Batch(ACCOUNT, ref, "tok-" + ref, "fp", Batch.State.ACCEPTED, "myCode", "Hello", Encoding.GSM7, 1, false,
                createdAt, null, createdAt.plus(validity), null, List.of(to), List.of(), to.length, ignoreQuietHours);
        batches.put(b);
        return b;
    }

    private static DispatchChunk whole(Batch b) {
        return new DispatchChunk(b.accountId(), b.referenceId(), b.token(), 0, b.recipients());
    }

    private MessageRecord record(Batch b, int index) {
        return ledger.records(ACCOUNT, b.referenceId(), index, index + 1).get(index);
    }

    private List<String> sentTo() {
        return smsc.calls.stream().map(c -> c.submission().to()).toList();
    }

    private void dispatchReleased() {
        List<Released> due = List.copyOf(requeued);
        requeued.clear();
        for (Released r : due) {
            assertInstanceOf(Done.class, dispatch.dispatch(r.chunk(), clock.instant().plusSeconds(60)));
        }
    }

    @Test
    void aMessageInItsRecipientsNightWaitsForTheMorningWithoutHoldingUpTheOthers() {
        Batch b = accepted("night", T0, Duration.ofHours(72), false, NG0, GB, NG1);

        assertInstanceOf(Done.class, dispatch.dispatch(whole(b), T0.plusSeconds(60)));

        assertEquals(List.of(GB), sentTo(), "the British evening message went at once, past the held ones");
        assertEquals(Status.QUEUED, record(b, 0).state().status());
        assertEquals(LAGOS_MORNING, record(b, 0).heldUntil());
        assertEquals(LAGOS_MORNING, record(b, 2).heldUntil());
        assertEquals(0, record(b, 0).attempts(), "nothing claimed for a held message");

        clock.set(LAGOS_MORNING.minusSeconds(1));
        assertEquals(0, release.releaseDue(), "not before the night ends");
        // A redelivery of the first chunk in the night sends nothing more and files nothing twice.
        dispatch.dispatch(whole(b), clock.instant().plusSeconds(60));
        assertEquals(List.of(GB), sentTo());
        assertEquals(2, held.all().size());

        clock.set(LAGOS_MORNING.plusSeconds(20));
        assertEquals(2, release.releaseDue());
        assertEquals(List.of(0, 2), requeued.stream().map(r -> r.chunk().firstIndex()).toList(),
                "not neighbours: each goes as a chunk of its own, in to order");
        dispatchReleased();

        assertEquals(List.of(GB, NG0, NG1), sentTo());
        assertTrue(smsc.calls.subList(1, 3).stream().allMatch(c -> !c.at().isBefore(LAGOS_MORNING)), smsc.calls.toString());
        assertEquals(Status.DISPATCHED, record(b, 0).state().status());
        assertEquals(List.of(), held.all(), "released entries leave the file");
        assertEquals(START_BALANCE, credit.balance(ACCOUNT), "nothing refunded: all went");
    }

    @Test
    void heldMessagesOfTheAccountGoInFifoOrderAndNeighboursTogether() {
        Batch first = accepted("first", T0, Duration.ofHours(72), false, NG0, NG1);
        Batch second = accepted("second", T0.plusSeconds(5), Duration.ofHours(72), false, NG2);
        dispatch.dispatch(whole(second), T0.plusSeconds(60));
        dispatch.dispatch(whole(first), T0.plusSeconds(60));

        clock.set(LAGOS_MORNING);
        release.releaseDue();

        assertEquals(List.of("first", "second"), requeued.stream().map(r -> r.chunk().referenceId()).toList(),
                "the earlier batch first, whichever chunk was held first");
        assertEquals(List.of(NG0, NG1), requeued.get(0).chunk().recipients(), "neighbours go as one chunk");
        dispatchReleased();
        assertEquals(List.of(NG0, NG1, NG2), sentTo());
    }

    @Test
    void aBatchSentWithQuietHoursIgnoredIsNeverHeld() {
        Batch b = accepted("otp", T0, Duration.ofHours(72), true, NG0);

        dispatch.dispatch(whole(b), T0.plusSeconds(60));

        assertEquals(List.of(NG0), sentTo());
        assertEquals(List.of(), held.all());
    }

    @Test
    void anAccountWithoutQuietHoursIsNeverHeld() {
        settings.clear();
        Batch b = accepted("plain", T0, Duration.ofHours(72), false, NG0);

        dispatch.dispatch(whole(b), T0.plusSeconds(60));

        assertEquals(List.of(NG0), sentTo());
    }

    @Test
    void aHeldMessageThatExpiresInTheNightEndsExpiredAtItsExpiryAndIsRefunded() {
        Batch b = accepted("short", T0, Duration.ofHours(2), false, NG0);
        dispatch.dispatch(whole(b), T0.plusSeconds(60));
        assertEquals(1, held.all().size());
        assertEquals(b.expireAt(), held.all().get(0).due(), "filed for its expiry, which comes before the morning");

        clock.set(b.expireAt().plusSeconds(30));
        assertEquals(1, release.releaseDue());
        dispatchReleased();

        assertEquals(List.of(), sentTo());
        assertEquals(Status.EXPIRED, record(b, 0).state().status());
        assertEquals(START_BALANCE + 1, credit.balance(ACCOUNT), "its part came back, once");
        dispatch.dispatch(whole(b), clock.instant().plusSeconds(60));
        assertEquals(START_BALANCE + 1, credit.balance(ACCOUNT));
    }

    @Test
    void aReleasedChunkDeliveredTwiceSendsOnce() {
        Batch b = accepted("twice", T0, Duration.ofHours(72), false, NG0);
        dispatch.dispatch(whole(b), T0.plusSeconds(60));
        clock.set(LAGOS_MORNING);
        release.releaseDue();
        DispatchChunk chunk = requeued.get(0).chunk();

        dispatch.dispatch(chunk, clock.instant().plusSeconds(60));
        dispatch.dispatch(chunk, clock.instant().plusSeconds(60));

        assertEquals(List.of(NG0), sentTo());
        assertEquals(1, record(b, 0).attempts());
        assertFalse(record(b, 0).inFlight());
    }
}
