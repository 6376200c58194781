package com.ninebits.sms.domain.callback;

import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.retry.BackOff;
import com.ninebits.sms.domain.webhook.SecretCipher;
import com.ninebits.sms.domain.webhook.WebhookUrls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Sends one status event to the customer: at least once, signed with the account's webhook secret.
 *
 * <p>Delivered ends it. An answer worth retrying (which answers those are is the sender's to say:
 * {@link CallbackSender} speaks HTTP, this does not) is retried from the queue, 5 s after the first
 * POST and doubling (or later, when the receiver asks so), until 24 hours after the first was due;
 * then, like a refusal, the event is kept as failed for the customer to list and re-send. The URL
 * is checked against the SSRF rules before every POST, since what a name resolves to changes. A
 * receiver that could not be reached rests for a while: events for it wait in the queue instead
 * of each tying up a POST, so a dead receiver costs other accounts nothing.
 */
public final class CallbackDelivery {

    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** 5 s after the first failed POST, doubling; a wait as long as the 24 hours ends the retries anyway. */
    static final BackOff RETRIES = new BackOff(Duration.ofSeconds(5), GIVE_UP_AFTER);
    static final Duration MAX_REST = Duration.ofMinutes(1);
    /** The queue hands a task back early by up to this much; not worth a round trip. */
    private static final Duration EARLY_ENOUGH = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(CallbackDelivery.class.getName());

    private final AccountStore accounts;
    private final WebhookUrls urls;
    private final SecretCipher cipher;
    private final CallbackSender sender;
    private final CallbackQueue queue;
    private final FailedCallbacks failed;
    private final Clock clock;
    private final CallbackFormat format;
    private final Map<String, Instant> resting = new ConcurrentHashMap<>();

    public CallbackDelivery(AccountStore accounts, WebhookUrls urls, SecretCipher cipher, CallbackSender sender,
                            CallbackQueue queue, FailedCallbacks failed, Clock clock) {
        this(accounts, urls, cipher, sender, queue, failed, clock, CallbackFormat.NATIVE);
    }

    public CallbackDelivery(AccountStore accounts, WebhookUrls urls, SecretCipher cipher, CallbackSender sender,
                            CallbackQueue queue, FailedCallbacks failed, Clock clock, CallbackFormat format) {
        this.format = format;
        this.accounts = accounts;
        this.urls = urls;
        this.cipher = cipher;
        this.sender = sender;
        this.queue = queue;
        this.failed = failed;
        this.clock = clock;
    }

    /** How a task ended this time. */
    public sealed interface Outcome permits Delivered, Retrying, Deferred, GivenUp, NotOwed {
    }

    /** The receiver took it. */
    public record Delivered() implements Outcome {
    }

    /** The POST failed in a way worth retrying; queued again for {@code dueAt}. */
    public record Retrying(Instant dueAt, String reason) implements Outcome {
    }

    /** Not due yet, or its receiver is resting: queued again for {@code dueAt} without a POST. */
    public record Deferred(Instant dueAt) implements Outcome {
    }

    /** The batch's subscription does not want this event told (see {@link CallbackFormat}): nothing was POSTed. */
    public record NotOwed() implements Outcome {
    }

    /** Kept as failed: listed and re-sendable through the API. */
    public record GivenUp(String reason) implements Outcome {
    }

    public Outcome deliver(CallbackTask task) {
        Instant now = clock.instant();
        if (task.dueAt().isAfter(now.plus(EARLY_ENOUGH))) {
            // Back-offs beyond what the queue can hold a message for come round more than once.
            queue.send(List.of(task));
            return new Deferred(task.dueAt());
        }
        StatusEvent event = task.event();
        Optional<AccountStore.Webhook> webhook = accounts.webhook(event.accountId());
        if (webhook.isEmpty()) {
            // Every callback is signed with the webhook's secret; without one nothing may be sent.
            return giveUp(task, task.attempts(), "no_webhook", now);
        }
        String url = event.callbackUrl() != null ? event.callbackUrl() : webhook.get().url();
        WebhookUrls.Verdict verdict = urls.verdict(url);
        if (verdict instanceof WebhookUrls.Refusal refusal) {
            return giveUp(task, task.attempts(), "url_refused:" + refusal.code(), now);
        }
        Instant restingUntil = resting.get(url);
        if (restingUntil != null && restingUntil.isAfter(now)) {
            return later(task, task.deferTo(restingUntil), now, "receiver resting")
                    .map(t -> (Outcome) new Deferred(t.dueAt()))
                    .orElseGet(() -> giveUp(task, task.attempts(), "unreachable", now));
        }
        Optional<String> told = format.body(event);
        if (told.isEmpty()) {
            return new NotOwed();
        }
        String body = told.get();
        String signature = CallbackBody.signature(cipher.decrypt(webhook.get().encryptedSecret()), now.getEpochSecond(), body);
        // To the address just checked: a DNS answer that changed since cannot redirect the POST.
        CallbackSender.Answer answer = sender.post(url, ((WebhookUrls.Callable) verdict).address(), signature, body);
        int made = task.attempts() + 1;
        if (answer instanceof CallbackSender.Delivered) {
            resting.remove(url);
            return new Delivered();
        }
        if (answer instanceof CallbackSender.Refused refused) {
            return giveUp(task, made, refused.reason(), now);
        }
        CallbackSender.RetryLater retry = (CallbackSender.RetryLater) answer;
        Duration wait = RETRIES.after(made, retry.retryAfter());
        if (!retry.reached()) {
            resting.put(url, now.plus(wait.compareTo(MAX_REST) > 0 ? MAX_REST : wait));
        }
        String why = retry.reason();
        return later(task, task.retryAt(now.plus(wait)), now, why)
                .map(t -> (Outcome) new Retrying(t.dueAt(), why))
                .orElseGet(() -> giveUp(task, made, why, now));
    }

    /** Queues {@code next} unless it would fall after the 24 hours an event is retried for. */
    private Optional<CallbackTask> later(CallbackTask task, CallbackTask next, Instant now, String reason) {
        if (next.dueAt().isAfter(task.firstDueAt().plus(GIVE_UP_AFTER))) {
            return Optional.empty();
        }
        queue.send(List.of(next));
        LOG.fine(() -> "callback " + task.event().eventId() + " account " + task.event().accountId() + " again at "
                + next.dueAt() + ": " + reason);
        return Optional.of(next);
    }

    private Outcome giveUp(CallbackTask task, int attempts, String reason, Instant now) {
        failed.keep(new FailedCallbacks.Failed(task.event(), attempts, reason, now));
        LOG.warning(() -> "callback " + task.event().eventId() + " account " + task.event().accountId()
                + " given up after " + attempts + " POSTs: " + reason);
        return new GivenUp(reason);
    }
}
