package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BatchReportTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> TO = IntStream.range(0, 5).mapToObj(i -> "23480200000" + (10 + i)).toList();

    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final Records messages = new Records();
    private final BatchReport report = new BatchReport(batches, messages, new TestClock(T0));

    @BeforeEach
    void anAcceptedBatchOfFiveWithThreeRecords() {
        Batch batch = new Batch("acc_1", "ref-1", "tok", "fp", Batch.State.PENDING, "myCode", "Hi", Encoding.GSM7, 1, false,
                T0, null, T0.plusSeconds(3600), null, TO, List.of(), 5);
        batches.claim(batch);
        batches.markAccepted(batch.accepted());
        messages.put(0, MessageState.Status.DELIVERED);
        messages.put(1, MessageState.Status.QUEUED);
        messages.put(3, MessageState.Status.FAILED);
    }

    @Test
    void countsEveryMessageWithThoseWithoutARecordAsQueued() {
        BatchReport.View view = report.read("acc_1", "ref-1", null, 0, null);

        assertEquals(1, view.counts().get(MessageState.Status.DELIVERED));
        assertEquals(1, view.counts().get(MessageState.Status.FAILED));
        assertEquals(3, view.counts().get(MessageState.Status.QUEUED));
        assertEquals(0, view.counts().get(MessageState.Status.DISPATCHED));
        assertEquals("dispatching", view.status());
    }

    @Test
    void readsOnlyThePagesRecordsAndPointsAtTheNext() {
        BatchReport.View first = report.read("acc_1", "ref-1", 2, 0, null);
        BatchReport.View second = report.read("acc_1", "ref-1", 2, first.nextIndex(), null);
        BatchReport.View last = report.read("acc_1", "ref-1", 2, second.nextIndex(), null);

        assertEquals(List.of(MessageState.Status.DELIVERED, MessageState.Status.QUEUED),
                first.recipients().stream().map(MessageState::status).toList());
        assertEquals(List.of(TO.get(2), TO.get(3)), second.recipients().stream().map(MessageState::to).toList());
        assertEquals(List.of(MessageState.Status.QUEUED, MessageState.Status.FAILED),
                second.recipients().stream().map(MessageState::status).toList());
        assertEquals(List.of(TO.get(4)), last.recipients().stream().map(MessageState::to).toList());
        assertNull(last.nextIndex());
        assertEquals(List.of("0-2", "2-4", "4-5"), messages.ranges);
    }

    @Test
    void aStatusFilterLooksFurtherThanOnePage() {
        BatchReport.View view = report.read("acc_1", "ref-1", 1, 0, "failed");

        assertEquals(List.of(TO.get(3)), view.recipients().stream().map(MessageState::to).toList());
        assertEquals(4, view.nextIndex());
    }

    /** Message records by index, noting every range read. */
    private static final class Records implements MessageStore {
        final Map<Integer, MessageState> byIndex = new TreeMap<>();
        final List<String> ranges = new ArrayList<>();

        void put(int index, MessageState.Status status) {
            byIndex.put(index, new MessageState(index, TO.get(index), status, 1, null, null, T0, null));
        }

        @Override
        public Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to) {
            ranges.add(from + "-" + to);
            Map<Integer, MessageState> out = new TreeMap<>(byIndex);
            out.keySet().removeIf(i -> i < from || i >= to);
            return out;
        }

        @Override
        public List<com.ninebits.sms.domain.message.StatusChange> history(String accountId, String referenceId, int index) {
            MessageState m = byIndex.get(index);
            return m == null ? List.of() : List.of(new com.ninebits.sms.domain.message.StatusChange(m.status(), m.updatedAt(),
                    m.smscTimestamp(), m.errorCode()));
        }

        @Override
        public Map<MessageState.Status, Integer> counts(String accountId, String referenceId) {
            Map<MessageState.Status, Integer> out = new EnumMap<>(MessageState.Status.class);
            byIndex.values().forEach(m -> out.merge(m.status(), 1, Integer::sum));
            return out;
        }
    }
}
