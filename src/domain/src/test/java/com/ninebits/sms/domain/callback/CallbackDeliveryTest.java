package com.ninebits.sms.domain.callback;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.webhook.SecretCipher;
import com.ninebits.sms.domain.webhook.WebhookUrls;
import org.junit.jupiter.api.Test;

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
    private final InMemoryAccounts accounts = new InMemoryAccounts();
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
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, 10, 0, T0));
        accounts.saveWebhook(ACCOUNT, new AccountStore.Webhook(HOOK, "sealed:" + SECRET));
    }

    private static StatusEvent event(String callbackUrl) {
        MessageState state = new MessageState(0, "2348020000000", MessageState.Status.DELIVERED, 2, "smsc-9",
                Instant.parse("2026-03-01T09:59:58Z"), Instant.parse("2026-03-01T09:59:59.250Z"), null);
        return StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", 0), state, new Subscription(callbackUrl));
    }

    private static CallbackSender.Answer delivered() {
        return new CallbackSender.Delivered();
    }

    /** An answer the sender says is worth retrying, such as an HTTP 503. */
    private static CallbackSender.Answer busy(String reason) {
        return new CallbackSender.RetryLater(reason, null, true);
    }

    /** No answer at all. */
    private static CallbackSender.Answer unreachable(String why) {
        return new CallbackSender.RetryLater("unreachable: " + why, null, false);
    }

    private static CallbackSender.Answer refused(String reason) {
        return new CallbackSender.Refused(reason);
    }

    /** Delivers the last queued task, once it is due. */
    private CallbackDelivery.Outcome deliverQueued() {
        CallbackTask next = queue.sent.remove(queue.sent.size() - 1);
        clock.set(next.dueAt());
        return delivery.deliver(next);
    }

    @Test
    void postsTheContractBodySignedWithTheWebhookSecret() throws Exception {
        receiver.answers.add(delivered());

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(new CallbackDelivery.Delivered(), outcome);
        Receiver.Post post = receiver.posts.get(0);
        assertEquals(HOOK, post.url());
        String eventId = event(null).eventId();
        assertEquals("{\"type\":\"delivery_report\",\"event_id\":\"" + eventId + "\",\"reference_id\":\"ref-1\","
                + "\"to\":\"2348020000000\",\"status\":\"delivered\",\"error_code\":null,\"parts\":2,"
                + "\"smsc_message_id\":\"smsc-9\",\"smsc_timestamp\":\"2026-03-01T09:59:58.000Z\","
                + "\"updated_at\":\"2026-03-01T09:59:59.250Z\"}", post.body());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((T0.getEpochSecond() + "." + post.body())
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=" + T0.getEpochSecond() + ",v1=" + expected, post.signature());
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void aBatchCallbackUrlTakesPrecedenceOverTheAccountWebhook() {
        receiver.answers.add(delivered());

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
        receiver.answers.add(busy("http_503"));
        receiver.answers.add(unreachable("connection refused"));
        receiver.answers.add(delivered());

        CallbackDelivery.Outcome first = delivery.deliver(CallbackTask.first(event(null), T0));
        assertEquals(new CallbackDelivery.Retrying(T0.plusSeconds(5), "http_503"), first);
        CallbackDelivery.Outcome second = deliverQueued();
        assertInstanceOf(CallbackDelivery.Retrying.class, second);
        assertEquals(T0.plusSeconds(15), ((CallbackDelivery.Retrying) second).dueAt());
        CallbackDelivery.Outcome third = deliverQueued();

        assertEquals(new CallbackDelivery.Delivered(), third);
        assertEquals(3, receiver.posts.size());
        assertEquals(1, receiver.posts.stream().map(Receiver.Post::body).distinct().count());
        assertTrue(failed.list(ACCOUNT, null, 10).items().isEmpty());
    }

    @Test
    void retriesWhatTheSenderSaysIsWorthRetrying() {
        receiver.answers.add(busy("http_429"));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(new CallbackDelivery.Retrying(T0.plusSeconds(5), "http_429"), outcome);
        assertEquals(1, queue.sent.get(0).attempts());
    }

    @Test
    void keepsAsFailedWithoutRetryingWhatTheReceiverRefused() {
        receiver.answers.add(refused("http_302"));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(new CallbackDelivery.GivenUp("http_302"), outcome);
        assertTrue(queue.sent.isEmpty());
        FailedCallbacks.Failed kept = failed.find(ACCOUNT, event(null).eventId()).orElseThrow();
        assertEquals(1, kept.attempts());
        assertEquals("http_302", kept.lastError());
    }

    @Test
    void aReceiverThatAnsweredBusyDoesNotRestSoItsNextEventIsPostedAtOnce() {
        receiver.answers.add(busy("http_503"));
        receiver.answers.add(delivered());
        delivery.deliver(CallbackTask.first(event(null), T0));
        StatusEvent another = StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", 1),
                new MessageState(1, "2348020000001", MessageState.Status.DISPATCHED, 1, "s", null, T0, null),
                new Subscription(null));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(another, T0.plusSeconds(1)));

        assertEquals(new CallbackDelivery.Delivered(), outcome);
        assertEquals(2, receiver.posts.size());
    }

    @Test
    void waitsAsLongAsA429AsksWhenThatIsLongerThanTheBackOff() {
        receiver.answers.add(new CallbackSender.RetryLater("http_429", Duration.ofMinutes(2), true));

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event(null), T0));

        assertEquals(T0.plus(Duration.ofMinutes(2)), ((CallbackDelivery.Retrying) outcome).dueAt());
    }

    @Test
    void backsOffFrom5SecondsDoublingAndGivesUpAfter24HoursKeepingTheEvent() {
        receiver.alwaysAnswer = busy("http_500");
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
        receiver.answers.add(unreachable("connect timed out"));
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
    void thePostGoesToTheAddressTheCheckResolvedWhateverTheNameResolvesToNext() throws Exception {
        // A rebinding name: a public address for the check, the metadata address for any later look-up.
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        WebhookUrls rebinding = new WebhookUrls(host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.36" : "169.254.169.254")), false);
        CallbackDelivery pinned = new CallbackDelivery(accounts, rebinding, cipher, receiver, queue, failed, clock);
        receiver.answers.add(new CallbackSender.Delivered());

        CallbackDelivery.Outcome outcome = pinned.deliver(CallbackTask.first(event("https://rebound.example.com/x"), T0));

        assertEquals(new CallbackDelivery.Delivered(), outcome);
        assertEquals(1, lookups.get(), "resolved once, for the check");
        assertEquals(InetAddress.getByName("93.184.216.36"), receiver.posts.get(0).address());
        assertEquals("https://rebound.example.com/x", receiver.posts.get(0).url());
        // The next POST checks again, and the changed answer is refused before anything is sent.
        assertEquals(new CallbackDelivery.GivenUp("url_refused:forbidden_address"),
                pinned.deliver(CallbackTask.first(event("https://rebound.example.com/x"), T0)));
        assertEquals(1, receiver.posts.size());
    }

    @Test
    void withoutAWebhookThereIsNoSecretToSignWithSoNothingIsSent() {
        accounts.deleteWebhook(ACCOUNT);

        CallbackDelivery.Outcome outcome = delivery.deliver(CallbackTask.first(event("https://other.example.com/x"), T0));

        assertEquals(new CallbackDelivery.GivenUp("no_webhook"), outcome);
        assertTrue(receiver.posts.isEmpty());
    }

    @Test
    void aFailedEventIsListedAndReSentWithAFresh24HoursThenNoLongerListed() {
        receiver.answers.add(refused("http_410"));
        delivery.deliver(CallbackTask.first(event(null), T0));
        CallbackRedelivery redelivery = new CallbackRedelivery(failed, queue, clock);
        clock.advance(Duration.ofDays(2));

        assertEquals(1, redelivery.failed(ACCOUNT, null, 10).items().size());
        StatusEvent resent = redelivery.retry(ACCOUNT, event(null).eventId());

        assertEquals(event(null), resent);
        CallbackTask queued = queue.sent.get(0);
        assertEquals(new CallbackTask(event(null), 0, clock.instant(), clock.instant()), queued);
        assertTrue(redelivery.failed(ACCOUNT, null, 10).items().isEmpty());
        receiver.answers.add(delivered());
        assertEquals(new CallbackDelivery.Delivered(), deliverQueued());
    }

    @Test
    void anotherAccountCannotSeeOrReSendAFailedEvent() {
        receiver.answers.add(refused("http_400"));
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
    @Test
    void anEventItsFormatOwesNothingIsNotPostedNorKeptAsFailed() {
        CallbackDelivery picky = new CallbackDelivery(accounts, urls, cipher, receiver, queue, failed, clock,
                e -> e.status().isFinal() ? java.util.Optional.of("{\"told\":true}") : java.util.Optional.empty());
        MessageState dispatched = new MessageState(0, "2348020000000", MessageState.Status.DISPATCHED, 1, "smsc-9",
                null, T0, null);

        CallbackDelivery.Outcome outcome = picky.deliver(CallbackTask.first(
                StatusEvent.of(new MessageKey(ACCOUNT, "ref-1", 0), dispatched, new Subscription(null)), T0));

        assertTrue(outcome instanceof CallbackDelivery.NotOwed, outcome.toString());
        assertTrue(receiver.posts.isEmpty());
        assertTrue(queue.sent.isEmpty());
        assertTrue(failed.list(ACCOUNT, null, 10).items().isEmpty());

        receiver.answers.add(delivered());
        assertTrue(picky.deliver(CallbackTask.first(event(null), T0)) instanceof CallbackDelivery.Delivered);
        assertEquals("{\"told\":true}", receiver.posts.get(0).body());
    }

    private static final class Receiver implements CallbackSender {
        record Post(String url, String signature, String body, InetAddress address) {
        }

        final Deque<Answer> answers = new ArrayDeque<>();
        final List<Post> posts = new ArrayList<>();
        Answer alwaysAnswer;

        @Override
        public Answer post(String url, InetAddress address, String signature, String body) {
            posts.add(new Post(url, signature, body, address));
            return alwaysAnswer != null ? alwaysAnswer : answers.remove();
        }
    }
}
