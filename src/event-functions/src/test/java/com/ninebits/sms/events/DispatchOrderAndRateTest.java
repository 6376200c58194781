package com.ninebits.sms.events;

import com.ninebits.sms.adapters.sqs.SqsDispatchQueue;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.dispatch.RateLimiter;
import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.message.MessageRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order, rate and the dispatch window towards the SMSC, through the {@code http} connector to a
 * scripted SMSC in this JVM that logs when each submission arrived and was answered.
 */
@QuarkusTest
@TestProfile(DispatchOrderAndRateTest.HttpSmscProfile.class)
class DispatchOrderAndRateTest {

    public static class HttpSmscProfile extends DispatcherProfile {
        public HttpSmscProfile() {
            super("http", ScriptedSmsc.Resource.class,
                    // Small chunks, so that twenty recipients make two queue messages.
                    Map.of("sms.send.chunk", "10"));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    @Inject
    BatchSubmission submission;
    @Inject
    MessageLedger ledger;
    @Inject
    MessageDispatch dispatch;
    @Inject
    SqsDispatchQueue dispatchQueue;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();
    @Inject
    Customers customers;
    @Inject
    BatchStore batches;
    @Inject
    AccountStore accounts;
    @Inject
    Credit credit;
    @Inject
    RateLimiter limiter;
    @Inject
    Smsc smscConnector;
    @Inject
    CallbackQueue callbacks;
    @Inject
    Clock clock;
    private ScriptedSmsc smsc;
    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopPools() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    /** A second dispatcher instance, as another Lambda instance would be: its own submitters, the same stores, limiter and SMSC. */
    private MessageDispatch anotherDispatcher() {
        ExecutorService pool = Executors.newCachedThreadPool();
        pools.add(pool);
        return new MessageDispatch(batches, accounts, credit, ledger, limiter, smscConnector, callbacks, clock,
                d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()), pool);
    }

    @BeforeEach
    void fixtures() {
        smsc = ScriptedSmsc.Resource.running;
        assertNotNull(smsc, "the SMSC starts with the application");
    }

    // Invariant: an account's messages reach the SMSC in acceptance order, recipients in `to`
    // order, and a message being retried keeps its place: a later batch never overtakes it.
    @Test
    void aLaterBatchNeverOvertakesARetriedMessage() {
        // One at a time: with a window, a message already under way when another fails may finish before it.
        String account = customers.open(100, null, 1);
        List<String> a = List.of(Customers.number(), Customers.number(), Customers.number());
        List<String> b = List.of(Customers.number(), Customers.number());
        smsc.failNext(a.get(1), 1);
        Batch batchA = customers.send(account, a, "Batch A");
        Batch batchB = customers.send(account, b, "Batch B");
        List<String> everyone = Stream.concat(a.stream(), b.stream()).toList();

        List<Message> received = queue.receiveSome(account, PATIENCE);
        assertEquals(2, received.size(), "one receive of the group holds both chunks, as the event source mapping's batch does");
        Message chunkA = received.get(0);
        Message chunkB = received.get(1);
        assertTrue(chunkA.body().contains(batchA.referenceId()) && chunkB.body().contains(batchB.referenceId()));

        DispatchQueueDriver.Delivery first = queue.deliver(received);

        assertEquals(List.of(chunkA.messageId(), chunkB.messageId()), first.failed(), "A waits, and B is held back behind it");
        assertEquals(List.of(a.get(0)), to(smsc.taken(everyone)));
        // A is offered again once its wait (the SMSC's 2 s) is over: a short real wait.
        List<Message> again = queue.receiveSome(account, PATIENCE);
        assertEquals(chunkA.messageId(), again.get(0).messageId());
        assertEquals(List.of(), queue.deliver(again).failed());
        if (again.stream().noneMatch(m -> m.messageId().equals(chunkB.messageId()))) {
            // B, handed back with its visibility untouched, is due only at the queue's visibility
            // timeout; not waiting for it, its record is delivered again now (see the test below).
            assertEquals(List.of(), queue.deliver(List.of(chunkB)).failed());
        }

        assertEquals(everyone, to(smsc.taken(everyone)));
        assertEquals(List.of(500, 200), smsc.arrivals(List.of(a.get(1))).stream().map(ScriptedSmsc.Arrival::status).toList(),
                "A's second message was attempted twice");
        assertEquals(2, record(batchA, 1).attempts());
        for (Batch batch : List.of(batchA, batchB)) {
            assertTrue(customers.messages(account, batch).stream().allMatch(m -> m.status() == MessageState.Status.DISPATCHED),
                    customers.messages(account, batch).toString());
        }
    }

    // Invariant: an SMSC error (5xx) is temporary: the message stays queued, is submitted again
    // on the next delivery, and ends `dispatched` under the id of the submission the SMSC took.
    @Test
    void aServerErrorThenSuccessEndsDispatched() {
        String account = customers.open(100, null);
        String number = Customers.number();
        smsc.failNext(number, 1);
        Batch batch = customers.send(account, List.of(number), "Second time lucky");

        DispatchQueueDriver.Delivery first = queue.deliver(queue.receiveSome(account, PATIENCE));
        assertEquals(1, first.failed().size());
        MessageRecord waiting = record(batch, 0);
        assertEquals(MessageState.Status.QUEUED, waiting.state().status());
        assertEquals(1, waiting.attempts());

        DispatchQueueDriver.Delivery second = queue.deliver(queue.receiveSome(account, PATIENCE));

        assertEquals(List.of(), second.failed());
        List<ScriptedSmsc.Arrival> arrivals = smsc.arrivals(List.of(number));
        assertEquals(List.of(500, 200), arrivals.stream().map(ScriptedSmsc.Arrival::status).toList());
        MessageState message = customers.messages(account, batch).get(0);
        assertEquals(MessageState.Status.DISPATCHED, message.status());
        assertEquals(arrivals.get(1).smscId(), message.smscMessageId());
        assertEquals(99, customers.balance(account), "a message finally sent is not refunded");
    }

    // Invariant: however many dispatchers work for one account at once, the SMSC never gets more
    // than the account's rate_limit_mps parts in one of the limiter's seconds, and nothing is lost.
    @Test
    void twoConcurrentDispatchersTogetherKeepTheAccountsRate() throws Exception {
        int rate = 5;
        String account = customers.open(100, rate);
        List<String> numbers = IntStream.range(0, 20).mapToObj(i -> Customers.number()).toList();
        Batch batch = customers.send(account, numbers, "Rate test");
        assertEquals(1, batch.parts());
        List<Message> received = queue.receiveSome(account, PATIENCE);
        assertEquals(2, received.size(), "twenty recipients in chunks of ten");
        List<DispatchChunk> chunks = received.stream().map(m -> dispatchQueue.read(m.body())).toList();
        // The limiter counts what it hands out per epoch second, and a part reaches the SMSC some
        // milliseconds later; starting just after a second begins keeps those milliseconds from
        // carrying one second's parts into the next, so the arrival log measures the limiter.
        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
        Instant deadline = Instant.now().plusSeconds(30);

        // SQS FIFO never hands one group to two consumers at once; two Lambda instances can still
        // hold chunks of one account (a redelivery, a batch and its successor), so the rate must hold across them.
        List<CompletableFuture<MessageDispatch.Outcome>> dispatchers = chunks.stream()
                .map(chunk -> CompletableFuture.supplyAsync(() -> dispatch.dispatch(chunk, deadline)))
                .toList();
        List<MessageDispatch.Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<MessageDispatch.Outcome> dispatcher : dispatchers) {
            outcomes.add(dispatcher.get());
        }
        received.forEach(queue::delete);

        assertEquals(List.of(new MessageDispatch.Done(10), new MessageDispatch.Done(10)), outcomes);
        List<ScriptedSmsc.Arrival> arrivals = smsc.taken(numbers);
        assertEquals(20, arrivals.size());
        assertEquals(numbers.stream().sorted().toList(), to(arrivals).stream().sorted().toList(), "every number once");
        Map<Long, Long> perSecond = arrivals.stream()
                .collect(Collectors.groupingBy(arrival -> arrival.at().getEpochSecond(), TreeMap::new, Collectors.counting()));
        Duration span = Duration.between(arrivals.get(0).at(), arrivals.get(arrivals.size() - 1).at());
        System.out.printf("rate_limit_mps %d: 20 parts over %d ms from first to last arrival (%.1f/s); per epoch second %s%n",
                rate, span.toMillis(), 19_000.0 / Math.max(1, span.toMillis()), perSecond.values());
        assertTrue(perSecond.values().stream().allMatch(count -> count <= rate), "parts per second: " + perSecond);
        assertTrue(customers.messages(account, batch).stream().allMatch(m -> m.status() == MessageState.Status.DISPATCHED));
    }

    // Invariant: a record held back only because an earlier one of its group must wait is offered
    // again when that wait is over, not a whole visibility timeout (180 s) later: a 2 s retry must
    // not stall the account's later batches for three minutes.
    @Test
    void aChunkHeldBackBehindARetryIsOfferedAgainWhenTheRetryIsDue() {
        String account = customers.open(100, null, 1);
        List<String> a = List.of(Customers.number(), Customers.number());
        String b = Customers.number();
        smsc.failNext(a.get(0), 1);
        customers.send(account, a, "Batch A");
        customers.send(account, List.of(b), "Batch B");
        List<Message> received = queue.receiveSome(account, PATIENCE);
        assertEquals(2, received.size());
        Message chunkB = received.get(1);
        DispatchQueueDriver.Delivery first = queue.deliver(received);
        assertEquals(2, first.failed().size(), "A waits 2 s; B is held back");

        boolean bOfferedAgain = false;
        long giveUp = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        try {
            while (!bOfferedAgain && System.nanoTime() < giveUp) {
                List<Message> next = queue.receive(account, Duration.ofSeconds(1));
                if (!next.isEmpty()) {
                    bOfferedAgain = next.stream().anyMatch(m -> m.messageId().equals(chunkB.messageId()));
                    queue.deliver(next);
                }
            }
        } finally {
            if (!bOfferedAgain) {
                queue.delete(chunkB);
            }
        }

        assertTrue(bOfferedAgain, "batch B, held back behind A's 2 s retry, was not offered again within 12 s: "
                + "DispatcherHandler sets the visibility of the waiting record only, so held-back records stay hidden "
                + "for the queue's visibility timeout");
        assertEquals(List.of(a.get(0), a.get(1), b), to(smsc.taken(List.of(a.get(0), a.get(1), b))));
    }

    // Invariant: with a window of 32, an account's messages start in `to` order, overlapping while
    // the SMSC answers, and no second holds more than the rate, whichever dispatcher instance sends
    // which chunk (SQS hands an account's chunks to one consumer at a time, but not always the same).
    @Test
    void startOrderIsToOrderWithAWindowOf32AndNoSecondExceedsTheRateAcrossTwoDispatchers() {
        int rate = 20;
        String account = customers.open(1_000, rate, 32);
        List<String> numbers = IntStream.range(0, 60).mapToObj(i -> Customers.number()).toList();
        smsc.answerAfter(numbers, Duration.ofMillis(400));
        Batch batch = customers.send(account, numbers, "Window");
        List<Message> received = queue.receiveSome(account, PATIENCE);
        assertEquals(6, received.size(), "sixty recipients in chunks of ten");
        List<MessageDispatch> dispatchers = List.of(dispatch, anotherDispatcher());
        Instant deadline = Instant.now().plusSeconds(60);

        for (int i = 0; i < received.size(); i++) {
            DispatchChunk chunk = dispatchQueue.read(received.get(i).body());
            assertEquals(new MessageDispatch.Done(10), dispatchers.get(i % 2).dispatch(chunk, deadline));
        }
        received.forEach(queue::delete);

        List<ScriptedSmsc.Arrival> arrivals = smsc.taken(numbers);
        assertEquals(numbers, to(arrivals), "started in to order");
        Map<Long, Long> perSecond = arrivals.stream()
                .collect(Collectors.groupingBy(arrival -> arrival.at().getEpochSecond(), TreeMap::new, Collectors.counting()));
        assertTrue(perSecond.values().stream().allMatch(count -> count <= rate), "parts per second: " + perSecond);
        int atOnce = smsc.mostAtOnce(numbers);
        assertTrue(atOnce > 1 && atOnce <= 32, "awaiting the SMSC at once, at most: " + atOnce);
        assertTrue(customers.messages(account, batch).stream().allMatch(m -> m.status() == MessageState.Status.DISPATCHED));
    }

    // Invariant: a temporary failure while later messages are in flight stops the chunk: those in
    // flight finish, none after them starts, and the retried message goes before every one not yet started.
    @Test
    void aTemporaryFailureWithMessagesInFlightLetsThemFinishAndTheRetriedOneGoesFirst() {
        String account = customers.open(1_000, 20, 32);
        // Ten recipients: one chunk.
        List<String> numbers = IntStream.range(0, 10).mapToObj(i -> Customers.number()).toList();
        smsc.answerAfter(numbers, Duration.ofMillis(300));
        smsc.failNext(numbers.get(2), 1);
        Batch batch = customers.send(account, numbers, "In flight");

        DispatchQueueDriver.Delivery first = queue.deliver(queue.receiveSome(account, PATIENCE));

        assertEquals(1, first.failed().size(), "handed back");
        List<String> startedFirst = to(smsc.arrivals(numbers));
        int started = startedFirst.size();
        assertTrue(started > 3, "messages after the failing one were already in flight: " + startedFirst);
        assertEquals(numbers.subList(0, started), startedFirst, "nothing after them started");
        assertEquals(500, smsc.arrivals(List.of(numbers.get(2))).get(0).status());
        for (int i = 0; i < started; i++) {
            assertEquals(i == 2 ? MessageState.Status.QUEUED : MessageState.Status.DISPATCHED,
                    customers.messages(account, batch).get(i).status(), "message " + i);
        }

        assertEquals(List.of(), queue.deliver(queue.receiveSome(account, PATIENCE)).failed());

        List<String> all = to(smsc.arrivals(numbers));
        assertEquals(11, all.size(), "each once, and the failing one twice: " + all);
        List<String> startedAgain = all.subList(started, all.size());
        assertEquals(numbers.get(2), startedAgain.get(0), "the retried message first");
        assertEquals(numbers.subList(started, 10), startedAgain.subList(1, startedAgain.size()));
        assertTrue(customers.messages(account, batch).stream().allMatch(m -> m.status() == MessageState.Status.DISPATCHED));
        assertEquals(1_000 - 10, customers.balance(account));
    }

    @Test
    void windowOneHasOneSubmissionAwaitingTheSmscAtATime() {
        String account = customers.open(100, 100, 1);
        List<String> numbers = IntStream.range(0, 6).mapToObj(i -> Customers.number()).toList();
        smsc.answerAfter(numbers, Duration.ofMillis(100));
        customers.send(account, numbers, "One by one");

        assertEquals(List.of(), queue.deliver(queue.receiveSome(account, PATIENCE)).failed());

        assertEquals(numbers, to(smsc.taken(numbers)));
        assertEquals(1, smsc.mostAtOnce(numbers));
    }

    // Invariant: two deliveries of the same chunks at once, each with a window, never submit a message twice.
    @Test
    void chunksDeliveredTwiceAtOnceWithAWindowAreSubmittedAtMostOncePerMessage() throws Exception {
        String account = customers.open(1_000, 50, 32);
        List<String> numbers = IntStream.range(0, 30).mapToObj(i -> Customers.number()).toList();
        smsc.answerAfter(numbers, Duration.ofMillis(200));
        Batch batch = customers.send(account, numbers, "Twice at once");
        List<Message> received = queue.receiveSome(account, PATIENCE);
        MessageDispatch other = anotherDispatcher();
        Instant deadline = Instant.now().plusSeconds(60);

        for (Message message : received) {
            DispatchChunk chunk = dispatchQueue.read(message.body());
            CompletableFuture<MessageDispatch.Outcome> one = CompletableFuture.supplyAsync(() -> dispatch.dispatch(chunk, deadline));
            other.dispatch(chunk, deadline);
            one.get(60, TimeUnit.SECONDS);
            // Whichever stopped at a message the other held comes again, as SQS would bring it.
            for (int again = 0; again < 5 && !(dispatch.dispatch(chunk, deadline) instanceof MessageDispatch.Done); again++) {
                Thread.sleep(200);
            }
        }
        received.forEach(queue::delete);

        Map<String, Long> submissions = smsc.arrivals(numbers).stream()
                .collect(Collectors.groupingBy(ScriptedSmsc.Arrival::to, Collectors.counting()));
        assertTrue(submissions.values().stream().allMatch(n -> n == 1), "submitted twice: " + submissions);
        List<MessageState> messages = customers.messages(account, batch);
        for (int i = 0; i < numbers.size(); i++) {
            MessageState.Status status = messages.get(i).status();
            // A delivery may find a message the other one claimed and had not yet answered: unknown, never sent again.
            assertTrue(status == MessageState.Status.DISPATCHED || status == MessageState.Status.UNKNOWN, i + ": " + status);
            if (status == MessageState.Status.DISPATCHED) {
                assertEquals(1L, submissions.get(numbers.get(i)), "dispatched, so submitted once: " + i);
            }
        }
    }

    private MessageRecord record(Batch batch, int index) {
        return ledger.records(batch.accountId(), batch.referenceId(), index, index + 1).get(index);
    }

    private static List<String> to(List<ScriptedSmsc.Arrival> arrivals) {
        return arrivals.stream().map(ScriptedSmsc.Arrival::to).toList();
    }
}
