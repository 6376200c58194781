package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox is one partition for every account: each test drains it whole first. */
class DynamoCallbackOutboxTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final DynamoCallbackOutbox outbox = new DynamoCallbackOutbox(LocalTables.tables(), Clock.fixed(T0, ZoneOffset.UTC));
    private final String account = LocalTables.unique("acc");

    private CallbackTask task(int index) {
        MessageState state = new MessageState(index, "2348020000000", MessageState.Status.DISPATCHED, 1, "smsc-" + index,
                null, T0, null);
        return CallbackTask.first(StatusEvent.of(new MessageKey(account, "ref-1", index), state,
                new Subscription("https://hooks.example.com/sms")), T0);
    }

    private List<CallbackTask> drainAll() {
        List<CallbackTask> sent = new ArrayList<>();
        while (outbox.drain(sent::addAll) > 0) {
            // Until the outbox is empty.
        }
        return sent;
    }

    @Test
    void keptTasksAreHandedOnOnceAndForgotten() {
        drainAll();
        outbox.keep(List.of(task(0), task(1)));
        outbox.keep(List.of(task(2)));

        List<CallbackTask> sent = drainAll();

        assertEquals(List.of(task(0), task(1), task(2)), sent.stream().sorted(
                Comparator.comparingInt(t -> t.event().key().index())).toList());
        assertEquals(List.of(), drainAll(), "nothing is handed on twice");
    }

    @Test
    void aTaskWhoseSendingFailsIsKept() {
        drainAll();
        outbox.keep(List.of(task(0)));

        assertThrows(IllegalStateException.class, () -> outbox.drain(tasks -> {
            throw new IllegalStateException("the queue still refuses");
        }));

        assertEquals(List.of(task(0)), drainAll());
    }
}
