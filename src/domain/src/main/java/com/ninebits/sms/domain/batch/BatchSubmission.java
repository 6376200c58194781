package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.text.MessageText;
import com.ninebits.sms.domain.text.Segmenter;
import com.ninebits.sms.domain.webhook.WebhookUrls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepts a batch: validates it whole, resolves its recipients, charges every part, and hands it
 * to the dispatch queue (or the schedule), exactly once per reference.
 *
 * <p>DynamoDB transactions are not used (the local server has none), so acceptance is a chain of
 * conditional single-item writes whose failure at any point is undone:
 * <ol>
 *   <li>claim the reference: the batch is written PENDING only if the reference is free (this is
 *       the idempotency record);</li>
 *   <li>reserve the credit: a conditional debit that also records the reservation under the
 *       acceptance's token, so that it can be refunded exactly once;</li>
 *   <li>hand the batch to the queue (or file it under its release minute);</li>
 *   <li>mark it ACCEPTED, then forget the reservation.</li>
 * </ol>
 * A reservation refused for want of credit frees the claim. A failure in 2-4 refunds the reservation and frees the reference. An acceptance that died
 * between steps leaves a PENDING claim; once its lease has passed, the next request for the same
 * reference undoes it (refund if reserved) and starts again. Queue messages carry the token, and
 * the dispatcher sends only for an ACCEPTED batch of the same token, so a message of an undone
 * attempt is never sent.
 *
 * <p>A dispatcher may read the batch's queue messages before step 4. One holding a message of the
 * last queue call knows steps 1-3 are done and writes ACCEPTED itself, so that a batch accepted for
 * now is sent at once. Every undo therefore starts by withdrawing the claim (PENDING → WITHDRAWN,
 * which no dispatcher can accept), and refunds only once that succeeded; if the dispatcher won,
 * the batch stands accepted and the acceptance answers as if it had written ACCEPTED itself.
 */
public final class BatchSubmission {

    /** A reference is an identifier like any other (see {@link Ids#couldExist}). */
    public static final int MAX_REFERENCE_LENGTH = Ids.MAX_LENGTH;
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(90);
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(72);
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);
    static final Duration WAIT_FOR_TWIN = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(BatchSubmission.class.getName());

    private final SendingAccounts accounts;
    private final Recipients recipients;
    private final BatchStore batches;
    private final Credit credit;
    private final DispatchQueue queue;
    private final WebhookUrls webhookUrls;
    private final Clock clock;
    private final int maxRecipients;

    public BatchSubmission(SendingAccounts accounts, Recipients recipients, BatchStore batches,
                           Credit credit, DispatchQueue queue, WebhookUrls webhookUrls, Clock clock,
                           int maxRecipients) {
        this.accounts = accounts;
        this.recipients = recipients;
        this.batches = batches;
        this.credit = credit;
        this.queue = queue;
        this.webhookUrls = webhookUrls;
        this.clock = clock;
        this.maxRecipients = maxRecipients;
    }

    /** The batch as accepted; {@code replayed} when an earlier identical request had accepted it. */
    public record Accepted(Batch batch, boolean replayed) {
    }

    public Accepted submit(String accountId, SendRequest request) {
        Instant now = clock.instant();
        Valid valid = validate(request, now);
        SendingAccounts.Sending sending = accounts.load(accountId, valid.from())
                .orElseThrow(() -> new DomainException.Unauthorized("the account no longer exists"));
        Account account = sending.account();
        if (!sending.senderApproved()) {
            throw new DomainException.Forbidden("sender_not_registered",
                    "from: sender ID \"" + valid.from() + "\" is not registered and approved for this account");
        }
        if (valid.deliveryReport() && !sending.webhookSet()) {
            throw DomainException.Invalid.of("delivery_report", "no_webhook",
                    "delivery_report: \"yes\" needs the account's webhook (PUT /ng/v1/settings/webhook), whose secret signs each report");
        }
        MessageText text = Segmenter.segment(valid.body());
        if (text.partCount() > account.maxParts()) {
            throw DomainException.Invalid.of("body", "too_many_parts",
                    "body needs " + text.partCount() + " parts; this account allows at most " + account.maxParts());
        }
        Recipients.Resolved resolved = recipients.resolve(accountId, account.defaultCountry(), valid.to());
        if (resolved.accepted().isEmpty()) {
            throw new DomainException.Invalid("no entry of to is a valid recipient",
                    resolved.rejected().stream()
                            .map(r -> new FieldError("to", r.reason(), "\"" + r.to() + "\" is not a valid recipient"))
                            .toList());
        }
        if (resolved.accepted().size() > maxRecipients) {
            throw DomainException.Invalid.of("to", "too_many_recipients",
                    "to expands to " + resolved.accepted().size() + " recipients; at most " + maxRecipients + " per batch");
        }
        long cost = (long) text.partCount() * resolved.accepted().size();
        Batch pending = new Batch(accountId, valid.referenceId(), Ids.random(12), valid.fingerprint(), Batch.State.PENDING,
                valid.from(), valid.body(), text.encoding(), text.partCount(), valid.deliveryReport(), now,
                valid.sendAt(), valid.expireAt(), valid.callbackUrl(), resolved.accepted(), resolved.rejected(), cost);
        return accept(pending, now);
    }

    private Accepted accept(Batch request, Instant started) {
        while (true) {
            Batch pending = request.withToken(Ids.random(12));
            Optional<Batch> holder;
            try {
                holder = batches.claim(pending);
            } catch (RuntimeException e) {
                // The claim may have been written before the call failed: free it if it is ours.
                releaseQuietly(pending);
                throw unavailable(pending, e);
            }
            if (holder.isEmpty()) {
                // Reserved only once the claim exists: an acceptance that dies after reserving always
                // leaves a claim behind, through which the next request for the reference refunds it.
                boolean reserved;
                try {
                    reserved = credit.reserve(pending.accountId(), pending.token(), pending.cost());
                } catch (RuntimeException e) {
                    // The debit may have been written before the call failed: refunding is exact either way,
                    // and nothing is queued yet, so no dispatcher can have accepted it.
                    undo(pending);
                    throw unavailable(pending, e);
                }
                if (!reserved) {
                    batches.release(pending);
                    throw new DomainException.InsufficientCredit(pending.cost(), credit.balance(pending.accountId()));
                }
                return new Accepted(handOver(pending), false);
            }
            Batch existing = holder.get();
            if (!existing.fingerprint().equals(pending.fingerprint())) {
                throw new DomainException.Conflict("reference_conflict",
                        "reference_id \"" + pending.referenceId() + "\" was already used for a different request");
            }
            if (existing.state() == Batch.State.ACCEPTED) {
                return new Accepted(existing, true);
            }
            Optional<Batch> settled = awaitTwin(existing, started);
            if (settled.isPresent()) {
                return new Accepted(settled.get(), true);
            }
            // The claim is still PENDING past its lease, being withdrawn, or vanished: undo it if abandoned
            // and try again (if a dispatcher finished it meanwhile, the next round replays it).
            batches.find(existing.accountId(), existing.referenceId())
                    .filter(b -> b.state().releasable() && b.token().equals(existing.token()))
                    .ifPresent(this::undo);
        }
    }

    private void releaseQuietly(Batch pending) {
        try {
            batches.release(pending);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not free the claim of batch " + pending.referenceId()
                    + "; it is undone after its lease", e);
        }
    }

    /** Waits for an identical request under way to finish; empty when it vanished or its lease ran out. */
    private Optional<Batch> awaitTwin(Batch twin, Instant started) {
        Instant deadline = started.plus(WAIT_FOR_TWIN);
        while (true) {
            Optional<Batch> now = batches.find(twin.accountId(), twin.referenceId());
            if (now.isEmpty() || !now.get().token().equals(twin.token())) {
                return Optional.empty();
            }
            if (now.get().state() == Batch.State.ACCEPTED) {
                return now;
            }
            if (now.get().state() == Batch.State.WITHDRAWN) {
                // Being undone: it will never be accepted, and freeing it needs no lease.
                return Optional.empty();
            }
            Instant t = clock.instant();
            if (t.isAfter(batches.claimedAt(now.get()).plus(CLAIM_LEASE))) {
                return Optional.empty();
            }
            if (t.isAfter(deadline)) {
                throw new DomainException.Conflict("request_in_progress",
                        "an identical request with this reference_id is still being accepted; retry shortly");
            }
            pause();
        }
    }

    /**
     * Claimed and charged: into the queue (or the schedule), then ACCEPTED. A dispatcher holding the
     * batch's last queue message may write ACCEPTED first; a failure from here on is undone only if
     * none did, since an accepted batch stands whatever the acceptance saw.
     */
    private Batch handOver(Batch pending) {
        try {
            if (pending.scheduled()) {
                batches.schedule(pending);
            } else {
                queue.enqueue(pending);
            }
        } catch (RuntimeException e) {
            // Part of the batch, or all of it with only the answer lost, may be in the queue already.
            if (undo(pending)) {
                throw unavailable(pending, e);
            }
            LOG.info(() -> "batch " + pending.referenceId() + " of " + pending.accountId() + ": the queue call failed ("
                    + e + ") after the batch reached it; a dispatcher had accepted it, so it stands");
            return settled(pending);
        }
        boolean accepted;
        try {
            accepted = batches.markAccepted(pending);
        } catch (RuntimeException e) {
            // The write may have gone through before the call failed: withdrawing fails if it did.
            if (undo(pending)) {
                throw unavailable(pending, e);
            }
            accepted = true;
        }
        if (!accepted) {
            // Taken over after its lease, or withdrawn by whoever did: never sendable, so undone.
            undo(pending);
            throw unavailable(pending, new IllegalStateException("the claim was lost during acceptance"));
        }
        return settled(pending);
    }

    private Batch settled(Batch pending) {
        // Only once ACCEPTED is the reservation forgotten: until then it is what makes an undo exact.
        // A batch for now is settled by the dispatcher holding its first chunk, so the answer does not
        // wait for it; a scheduled one here, or its note would sit on the account until its send_at.
        if (!pending.scheduled()) {
            return pending.accepted();
        }
        try {
            credit.settle(pending.accountId(), pending.token());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not settle the reservation of batch " + pending.referenceId()
                    + "; it stays recorded on the account (charged, nothing lost) until settled by hand", e);
        }
        return pending.accepted();
    }

    private DomainException.Unavailable unavailable(Batch pending, Throwable cause) {
        LOG.log(Level.WARNING, "acceptance of batch " + pending.referenceId() + " of " + pending.accountId()
                + " failed and was undone", cause);
        return new DomainException.Unavailable("temporarily_unavailable",
                "the batch could not be accepted; nothing was charged or sent, retry with the same reference_id", 1);
    }

    /**
     * Undoes an acceptance unless it was accepted meanwhile: withdrawn first, so that no dispatcher
     * can accept it once the refund is under way, then refunded (exactly once, by the reservation's
     * record) and freed. A stop in between leaves the claim in the index, and it is finished after
     * its lease. True when undone; false when it stands accepted.
     */
    private boolean undo(Batch pending) {
        if (!batches.withdraw(pending)) {
            return false;
        }
        credit.refundReservation(pending.accountId(), pending.token());
        batches.release(pending);
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException.Unavailable("interrupted", "interrupted", 1);
        }
    }

    record Valid(String from, List<String> to, String body, boolean deliveryReport, Instant sendAt, Instant expireAt,
                 String referenceId, String callbackUrl, String fingerprint) {
    }

    Valid validate(SendRequest r, Instant now) {
        Validation v = new Validation();
        r.typeErrors().forEach(e -> v.add(e.field(), e.code(), e.message()));
        checkFrom(r, v);
        String body = bodyOf(r, v);
        checkTo(r, v);
        boolean deliveryReport = deliveryReportOf(r, v);
        Instant sendAt = sendAtOf(r, now, v);
        Instant expireAt = expireAtOf(r, sendAt == null ? now : sendAt, v);
        String referenceId = r.referenceId();
        if (referenceId != null && !isValidReference(referenceId)) {
            v.add("reference_id", "invalid_reference", "reference_id must be 1 to " + MAX_REFERENCE_LENGTH
                    + " characters of letters, digits and . _ : -");
        }
        if (r.callbackUrl() != null) {
            webhookUrls.check(r.callbackUrl())
                    .ifPresent(refusal -> v.add("callback_url", refusal.code(), "callback_url: " + refusal.message()));
        }
        v.throwIfInvalid();
        String fingerprint = fingerprint(r.from(), r.to(), body, deliveryReport, r.sendAt(), r.expireAt(), r.callbackUrl());
        return new Valid(r.from(), r.to(), body, deliveryReport, sendAt, expireAt,
                referenceId == null ? Ids.ulid(now.toEpochMilli()) : referenceId, r.callbackUrl(), fingerprint);
    }

    /** A missing field is reported as required only if it was not already named as having the wrong type. */
    private static boolean mistyped(SendRequest r, Predicate<String> field) {
        return r.typeErrors().stream().anyMatch(e -> field.test(e.field()));
    }

    private static void checkFrom(SendRequest r, Validation v) {
        if (r.from() == null) {
            if (!mistyped(r, "from"::equals)) {
                v.add("from", "required", "from is required");
            }
        } else if (!SenderId.isValidShape(r.from())) {
            v.add("from", "invalid_sender_id", "from must be 1 to 11 letters and digits, or a number of up to 15 digits");
        }
    }

    /** The body, given as {@code body} or its alias {@code content}. */
    private static String bodyOf(SendRequest r, Validation v) {
        String body = r.body() != null ? r.body() : r.content();
        if (r.body() != null && r.content() != null && !r.body().equals(r.content())) {
            v.add("content", "conflicting_fields", "body and its alias content are both given and differ");
        } else if (body == null) {
            if (!mistyped(r, field -> field.equals("body") || field.equals("content"))) {
                v.add("body", "required", "body is required");
            }
        } else if (body.isEmpty()) {
            v.add("body", "empty", "body must not be empty");
        }
        return body;
    }

    private void checkTo(SendRequest r, Validation v) {
        List<String> to = r.to();
        if (to == null) {
            if (!mistyped(r, field -> field.startsWith("to"))) {
                v.add("to", "required", "to is required");
            }
        } else if (to.isEmpty()) {
            v.add("to", "empty", "to must name at least one recipient");
        } else if (to.size() > maxRecipients) {
            v.add("to", "too_many_recipients", "to may hold at most " + maxRecipients + " entries");
        }
    }

    private static boolean deliveryReportOf(SendRequest r, Validation v) {
        if (r.deliveryReport() == null) {
            return false;
        }
        return switch (r.deliveryReport().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "none", "false", "no" -> false;
            default -> {
                v.add("delivery_report", "invalid_value", "delivery_report must be \"none\" or \"yes\"");
                yield false;
            }
        };
    }

    /** When to send: null for now, which a time not in the future also means. */
    private static Instant sendAtOf(SendRequest r, Instant now, Validation v) {
        if (r.sendAt() == null) {
            return null;
        }
        Optional<Instant> parsed = Timestamps.parse(r.sendAt());
        if (parsed.isEmpty()) {
            v.add("send_at", "invalid_timestamp", "send_at must be ISO-8601 with an offset, or yyyy-MM-dd HH:mm:ss (UTC)");
        } else if (parsed.get().isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
            v.add("send_at", "too_far_ahead", "send_at may be at most 90 days ahead");
        } else if (parsed.get().isAfter(now)) {
            return parsed.get();
        }
        return null;
    }

    /** When the batch's messages expire: as asked, or {@link #DEFAULT_VALIDITY} after the send time. */
    private static Instant expireAtOf(SendRequest r, Instant sendTime, Validation v) {
        Instant byDefault = sendTime.plus(DEFAULT_VALIDITY);
        if (r.expireAt() == null) {
            return byDefault;
        }
        Optional<Instant> parsed = Timestamps.parse(r.expireAt());
        if (parsed.isEmpty()) {
            v.add("expire_at", "invalid_timestamp", "expire_at must be ISO-8601 with an offset, or yyyy-MM-dd HH:mm:ss (UTC)");
        } else if (!parsed.get().isAfter(sendTime)) {
            v.add("expire_at", "before_send_time", "expire_at must be after the time the batch is sent");
        } else if (parsed.get().isAfter(sendTime.plus(MAX_SCHEDULE_AHEAD))) {
            v.add("expire_at", "too_far_ahead", "expire_at may be at most 90 days after the batch is sent");
        } else {
            return parsed.get();
        }
        return byDefault;
    }

    /**
     * A reference is a path segment of the status URL: only dots ({@code .}, {@code ..}) would name
     * the path itself or its parent there, so a batch under it could never be read.
     */
    static boolean isValidReference(String ref) {
        return Ids.couldExist(ref) && !onlyDots(ref);
    }

    private static boolean onlyDots(String ref) {
        return ref.chars().allMatch(c -> c == '.');
    }

    /** What makes two requests "the same" for idempotency: every field that changes what is sent. */
    static String fingerprint(String from, List<String> to, String body, boolean deliveryReport, String sendAt,
                              String expireAt, String callbackUrl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{from, body, Boolean.toString(deliveryReport), sendAt, expireAt, callbackUrl}) {
                update(sha, part);
            }
            for (String entry : to) {
                update(sha, entry);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void update(MessageDigest sha, String part) {
        if (part == null) {
            sha.update((byte) 0);
        } else {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update((byte) 1);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
    }
}
