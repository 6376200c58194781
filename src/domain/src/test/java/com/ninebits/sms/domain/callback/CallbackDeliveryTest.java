package com.ninebits.sms.domain.callback;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.webhook.SecretCipher;
import com.ninebits.sms.domain.webhook.WebhookUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ACCOUNT = "acc_1";
    private static final String SECRET = "whsec_test";
    private static final String HOOK = "https://hooks.example.com/sms";

    private final TestClock clock = new TestClock(T0);
    private final Accounts accounts = new Accounts();
    private final Receiver receiver = new Receiver();
    private final RecordingCallbackQueue queue = new RecordingCallbackQueue();
    private final InMemoryFailedCallbacks failed = new InMemoryFailedCallbacks();
    private final Map<String, String> dns = new HashMap<>(Map.of("hooks.example.com", "93.184.216.34",
            "other.example.com", "93.184.216.35", "rebound.example.com", "93.184.216.36"));
    private final WebhookUrls urls = new WebhookUrls(host -> {
        String ip = dns.get(host);
        if (ip == null) {
            throw new java.net.UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(ip));
    }, false);
    private final SecretCipher cipher = new SecretCipher() {
        @Override
        public String encrypt(String plain) {
            return "sealed:" + plain;
        }

        @Override
        public String decrypt(String sealed) {
            return sealed.substring("sealed:".length());
        }
    };
    private final CallbackDelivery delivery = new CallbackDelivery(accounts, urls, cipher, receiver, queue, failed, clock);

    CallbackDeliveryTest() {
        accounts.hooks.put(ACCOUNT, new AccountStore.Webhook(HOOK, "sealed:" + SECRET));
    }

    private static StatusEvent event(String callbackUrl) {
        MessageState state = new MessageState(0, "2348020000000", MessageState.Status.DELIVERED, 2, "smsc-9",
                Instant.parse("2026-03-01T09:59:58Z"), Instant.parse("2026-03-01T09:59:59.250Z"), null);
        return StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", 0), state, new Subscription(callbackUrl));
    }

    private CallbackSender.Answer status(int code) {
        return new CallbackSender.Answered(code, null);
    }

    /** Delivers the last queued task, once it is due. */
    private CallbackDelivery.Outcome deliverQueued() {
        CallbackTask next = queue.sent.remove(queue.sent.size() - 1);
        clock.set(next.dueAt());
        return delivery.deliver(next);
    }

    @Test
    void postsTheContractBodySignedWithTheWebhookSecret() throws Exception {
        receiver.answers.add(status(204));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(new CallbackDelivery.Delivered(204), outcome);
        Receiver.Post post = receiver.posts.get(0);
        assertEquals(HOOK, post.url());
        String eventId = event(null).eventId();
        assertEquals("{\"type\":\"delivery_report\",\"event_id\":\"" + eventId + "\",\"reference_id\":\"ref-1\","
                + "\"to\":\"2348020000000\",\"status\":\"delivered\",\"error_code\":null,\"parts\":2,"
                + "\"smsc_message_id\":\"smsc-9\",\"smsc_timestamp\":\"2026-03-01T09:59:58Z\","
                + "\"updated_at\":\"2026-03-01T09:59:59Z\"}", post.body());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((T0.getEpochSecond() + "." + post.body())
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=" + T0.getEpochSecond() + ",v1=" + expected, post.signature());
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void aBatchCallbackUrlTakesPrecedenceOverTheAccountWebhook() {
        receiver.answers.add(status(200));

        delivery.deliver(CallbackTask.first(event("https://other.example.com/dlr"), T0));

        assertEquals("https://other.example.com/dlr", receiver.posts.get(0).url());
    }

    @Test
    void theEventIdNamesTheMessageAndStatusSoEveryCopyOfAChangeCarriesTheSameOne() {
        MessageKey key = new MessageKey(ACCOUNT, "ref-1", 0);
        MessageState dispatched = new MessageState(0, "2348020000000", MessageState.Status.DISPATCHED, 1, "s", null, T0, null);
        MessageState later = new MessageState(0, "2348020000000", MessageState.Status.DISPATCHED, 1, "s", null,
                T0.plusSeconds(5), null);
        MessageState delivered = new MessageState(0, "2348020000000", MessageState.Status.DELIVERED, 1, "s", null, T0, null);
        Subscription s = new Subscription(null);

        assertEquals(StatusEvent.of(key, dispatched, s).eventId(), StatusEvent.of(key, later, s).eventId());
        assertTrue(!StatusEvent.of(key, dispatched, s).eventId().equals(StatusEvent.of(key, delivered, s).eventId()));
        assertTrue(!StatusEvent.of(key, dispatched, s).eventId()
                .equals(StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", 1), dispatched, s).eventId()));
    }

    @Test
    void aReceiverFailingTwiceThenSucceedingGetsTheSameEventThreeTimesAfter5And10Seconds() {
        receiver.answers.add(status(503));
        receiver.answers.add(new CallbackSender.Unreachable("connection refused"));
        receiver.answers.add(status(200));

        CallbackDelivery.Outcome first = delivery.deliver(CallbackTask.first(event(null), T0));
        assertEquals(new CallbackDelivery.Retrying(T0.plusSeconds(5), "http_503"), first);
        CallbackDelivery.Outcome second = deliverQueued();
        assertInstanceOf(CallbackDelivery.Retrying.class, second);
        assertEquals(T0.plusSeconds(15), ((CallbackDelivery.Retrying) second).dueAt());
        CallbackDelivery.Outcome third = deliverQueued();

        assertEquals(new CallbackDelivery.Delivered(200), third);
        assertEquals(3, receiver.posts.size());
        assertEquals(1, receiver.posts.stream().map(Receiver.Post::body).distinct().count());
        assertTrue(failed.list(ACCOUNT, null, 10).items().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesTimeoutsThrottlingAndServerErrors(int code) {
        receiver.answers.add(status(code));

        assertInstanceOf(CallbackDelivery.Retrying.class, delivery.deliver(CallbackTask.first(event(null), T0)));
        assertEquals(1, queue.sent.get(0).attempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 400, 401, 403, 404, 410, 422})
    void keepsAsFailedWithoutRetryingAnyOtherAnswerRedirectsIncluded(int code) {
        receiver.answers.add(status(code));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(new CallbackDelivery.GivenUp("http_" + code), outcome);
        assertTrue(queue.sent.isEmpty());
        FailedCallbacks.Failed kept = failed.find(ACCOUNT, event(null).eventId()).orElseThrow();
        assertEquals(1, kept.attempts());
        assertEquals("http_" + code, kept.lastError());
    }

    @Test
    void waitsAsLongAsA429AsksWhenThatIsLongerThanTheBackOff() {
        receiver.answers.add(new CallbackSender.Answered(429, Duration.ofMinutes(2)));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(T0.plus(Duration.ofMinutes(2)), ((CallbackDelivery.Retrying) outcome).dueAt());
    }

    @Test
    void backsOffFrom5SecondsDoublingAndGivesUpAfter24HoursKeepingTheEvent() {
        receiver.alwaysAnswer = status(500);
        List<Duration> waits = new ArrayList<>();
        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));
        while (outcome instanceof CallbackDelivery.Retrying retrying) {
            waits.add(Duration.between(clock.instant(), retrying.dueAt()));
            outcome = deliverQueued();
        }

        assertEquals(Duration.ofSeconds(5), waits.get(0));
        assertEquals(Duration.ofSeconds(10), waits.get(1));
        assertEquals(Duration.ofSeconds(20), waits.get(2));
        Instant lastPost = clock.instant();
        assertTrue(!lastPost.isAfter(T0.plus(Duration.ofHours(24))), "no POST after 24 h: " + lastPost);
        assertTrue(lastPost.plus(waits.get(waits.size() - 1).multipliedBy(2)).isAfter(T0.plus(Duration.ofHours(24))));
        assertEquals(new CallbackDelivery.GivenUp("http_500"), outcome);
        assertEquals(waits.size() + 1, receiver.posts.size());
        assertEquals(receiver.posts.size(), failed.find(ACCOUNT, event(null).eventId()).orElseThrow().attempts());
    }

    @Test
    void aTaskHandedBackBeforeItIsDueGoesBackToTheQueueWithoutAPost() {
        CallbackTask later = new CallbackTask(event(null), 9, T0, T0.plus(Duration.ofMinutes(40)));

        CallbackDelivery.Outcome outcome = delivery.deliver(later);

        assertEquals(new CallbackDelivery.Deferred(later.dueAt()), outcome);
        assertEquals(List.of(later), queue.sent);
        assertTrue(receiver.posts.isEmpty());
    }

    @Test
    void anUnreachableReceiverRestsSoItsOtherEventsWaitWithoutAPost() {
        receiver.answers.add(new CallbackSender.Unreachable("connect timed out"));
        delivery.deliver(CallbackTask.first(event(null), T0));
        StatusEvent another = StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", 1),
                new MessageState(1, "2348020000001", MessageState.Status.DISPATCHED, 1, "s", null, T0, null),
                new Subscription(null));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(another, T0.plusSeconds(1)));

        assertInstanceOf(CallbackDelivery.Deferred.class, outcome);
        assertEquals(1, receiver.posts.size());
        assertEquals(0, queue.sent.get(1).attempts());
    }

    @Test
    void aUrlThatNowResolvesToAPrivateAddressIsNeverCalled() {
        dns.put("hooks.example.com", "10.0.0.7");

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(new CallbackDelivery.GivenUp("url_refused:forbidden_address"), outcome);
        assertTrue(receiver.posts.isEmpty());
    }

    @Test
    void withoutAWebhookThereIsNoSecretToSignWithSoNothingIsSent() {
        accounts.hooks.clear();

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event("https://other.example.com/x"), T0));

        assertEquals(new CallbackDelivery.GivenUp("no_webhook"), outcome);
        assertTrue(receiver.posts.isEmpty());
    }

    @Test
    void aFailedEventIsListedAndReSentWithAFresh24HoursThenNoLongerListed() {
        receiver.answers.add(status(410));
        delivery.deliver(CallbackTask.first(event(null), T0));
        CallbackRedelivery redelivery = new CallbackRedelivery(failed, queue, clock);
        clock.advance(Duration.ofDays(2));

        assertEquals(1, redelivery.failed(ACCOUNT, null, 10).items().size());
        StatusEvent resent = redelivery.retry(ACCOUNT, event(null).eventId());

        assertEquals(event(null), resent);
        CallbackTask queued = queue.sent.get(0);
        assertEquals(new CallbackTask(event(null), 0, clock.instant(), clock.instant()), queued);
        assertTrue(redelivery.failed(ACCOUNT, null, 10).items().isEmpty());
        receiver.answers.add(status(200));
        assertEquals(new CallbackDelivery.Delivered(200), deliverQueued());
    }

    @Test
    void anotherAccountCannotSeeOrReSendAFailedEvent() {
        receiver.answers.add(status(400));
        delivery.deliver(CallbackTask.first(event(null), T0));
        CallbackRedelivery redelivery = new CallbackRedelivery(failed, queue, clock);

        assertTrue(redelivery.failed("acc_other", null, 10).items().isEmpty());
        assertThrows(DomainException.NotFound.class, () -> redelivery.retry("acc_other", event(null).eventId()));
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void listsFailedEventsInPages() {
        CallbackRedelivery redelivery = new CallbackRedelivery(failed, queue, clock);
        for (int i = 0; i < 3; i++) {
            StatusEvent e = StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", i),
                    new MessageState(i, "23480200000" + i, MessageState.Status.DELIVERED, 1, null, null, T0, null),
                    new Subscription(null));
            failed.keep(new FailedCallbacks.Failed(e, 3, "http_400", T0));
        }

        FailedCallbacks.Page first = redelivery.failed(ACCOUNT, null, 2);
        FailedCallbacks.Page second = redelivery.failed(ACCOUNT, first.next(), 2);

        assertEquals(2, first.items().size());
        assertEquals(1, second.items().size());
        assertNull(second.next());
        assertThrows(DomainException.Invalid.class, () -> redelivery.failed(ACCOUNT, null, 0));
    }

    /** A receiver that answers from a script and records every POST. */
    private static final class Receiver implements CallbackSender {
        record Post(String url, String signature, String body) {
        }

        final Deque<Answer> answers = new ArrayDeque<>();
        final List<Post> posts = new ArrayList<>();
        Answer alwaysAnswer;

        @Override
        public Answer post(String url, String signature, String body) {
            posts.add(new Post(url, signature, body));
            return alwaysAnswer != null ? alwaysAnswer : answers.remove();
        }
    }

    /** Only the webhooks: the one part of the account store callbacks read. */
    private static final class Accounts implements AccountStore {
        final Map<String, Webhook> hooks = new HashMap<>();

        @Override
        public Optional<Webhook> webhook(String accountId) {
            return Optional.ofNullable(hooks.get(accountId));
        }

        @Override
        public void create(Account account) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> find(String accountId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long credit(String accountId, long amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Long> debitIfCovered(String accountId, long amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean refundOnce(String accountId, String refundId, long amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forgetRefund(String accountId, String refundId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveWebhook(String accountId, Webhook webhook) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteWebhook(String accountId) {
            throw new UnsupportedOperationException();
        }
    }
}
