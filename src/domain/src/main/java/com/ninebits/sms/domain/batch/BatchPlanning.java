package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.text.Encoding;
import com.ninebits.sms.domain.text.MessageText;
import com.ninebits.sms.domain.text.Segmenter;
import com.ninebits.sms.domain.text.Template;
import com.ninebits.sms.domain.webhook.WebhookUrls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Plans a send: validates the request whole, checks the account may send it, resolves its
 * recipients (numbers, groups, de-duplication), fills each recipient's placeholders, and prices
 * every recipient's own text. Nothing is stored, queued or charged: {@link BatchSubmission}
 * commits the plan, and {@link SendPreview} shows it, so that a dry run's cost is the charge.
 */
public final class BatchPlanning {

    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(90);
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(72);
    /**
     * What a batch's parameter values may take in its stored item: with 10,000 recipients inline
     * (about 140 KB) the batch stays inside DynamoDB's 400 KB item.
     */
    static final long MAX_STORED_VALUES = 200_000;

    private final SendingAccounts accounts;
    private final Recipients recipients;
    private final WebhookUrls webhookUrls;
    private final Clock clock;
    private final int maxRecipients;

    public BatchPlanning(SendingAccounts accounts, Recipients recipients, WebhookUrls webhookUrls, Clock clock,
                         int maxRecipients) {
        this.accounts = accounts;
        this.recipients = recipients;
        this.webhookUrls = webhookUrls;
        this.clock = clock;
        this.maxRecipients = maxRecipients;
    }

    /** The batch this request would be, priced and PENDING, under a fresh token; not stored. */
    public BatchPlan plan(String accountId, SendRequest request) {
        Instant now = clock.instant();
        Valid valid = validate(request, now);
        Account account = sendingAccount(accountId, valid);
        boolean templated = valid.templated();
        if (!templated) {
            // One text for all: too long is known before any recipient is looked up.
            checkParts(Segmenter.partCount(valid.body()), account, "body needs ");
        }
        Recipients.Resolved resolved = recipients.resolve(accountId, account.defaultCountry(), valid.to());
        Personalisation.Filled filled = Personalisation.fill(valid.body(), valid.parameters(), resolved,
                account.defaultCountry());
        List<Batch.Rejected> rejected = new ArrayList<>(resolved.rejected());
        rejected.addAll(filled.missing());
        checkRecipients(filled.accepted(), rejected);
        if (filled.values().storedBytes() > MAX_STORED_VALUES) {
            throw DomainException.Invalid.of("parameters", "too_large", "the parameter values of this batch take "
                    + filled.values().storedBytes() + " bytes; at most " + MAX_STORED_VALUES + " per batch");
        }
        Priced priced = price(valid.body(), filled.values(), filled.accepted().size());
        if (templated) {
            checkParts(priced.parts(), account, "a recipient's text needs ");
        }
        return new BatchPlan(new Batch(accountId, valid.referenceId(), Ids.random(12), valid.fingerprint(),
                Batch.State.PENDING, valid.from(), valid.body(), priced.encoding(), priced.parts(), valid.deliveryReport(),
                now, valid.sendAt(), valid.expireAt(), valid.callbackUrl(), filled.accepted(), List.copyOf(rejected),
                priced.cost(), filled.values(), null, valid.ignoreQuietHours()));
    }

    private Account sendingAccount(String accountId, Valid valid) {
        SendingAccounts.Sending sending = accounts.load(accountId, valid.from())
                .orElseThrow(() -> new DomainException.Unauthorized("the account no longer exists"));
        if (!sending.senderApproved()) {
            throw new DomainException.Forbidden("sender_not_registered",
                    "from: sender ID \"" + valid.from() + "\" is not registered and approved for this account");
        }
        if (valid.deliveryReport() && !sending.webhookSet()) {
            throw DomainException.Invalid.of("delivery_report", "no_webhook",
                    "delivery_report: \"yes\" needs the account's webhook (PUT /ng/v1/settings/webhook), whose secret signs each report");
        }
        return sending.account();
    }

    private static void checkParts(int parts, Account account, String what) {
        if (parts > account.maxParts()) {
            throw DomainException.Invalid.of("body", "too_many_parts",
                    what + parts + " parts; this account allows at most " + account.maxParts());
        }
    }

    private void checkRecipients(List<String> accepted, List<Batch.Rejected> rejected) {
        if (accepted.isEmpty()) {
            throw new DomainException.Invalid("no entry of to is a valid recipient",
                    rejected.stream()
                            .map(r -> new FieldError("to", r.reason(), "\"" + r.to() + "\" is not a valid recipient"))
                            .toList());
        }
        if (accepted.size() > maxRecipients) {
            throw DomainException.Invalid.of("to", "too_many_recipients",
                    "to expands to " + accepted.size() + " recipients; at most " + maxRecipients + " per batch");
        }
    }

    /** The batch's summary (UCS2 if any text needs it, the most parts of any) and its cost: every part of every text. */
    record Priced(Encoding encoding, int parts, long cost) {
    }

    /**
     * Prices every recipient's own text, rendered as it is sent ({@link RecipientValues#render});
     * recipients sharing a row of values share a text, which is segmented once.
     */
    static Priced price(String body, RecipientValues values, int recipientCount) {
        Map<Integer, MessageText> byRow = new HashMap<>();
        Encoding encoding = Encoding.GSM7;
        int most = 0;
        long cost = 0;
        for (int i = 0; i < recipientCount; i++) {
            int index = i;
            int row = values.rowOf().isEmpty() ? 0 : values.rowOf().get(i);
            MessageText text = byRow.computeIfAbsent(row, r -> Segmenter.segment(values.render(body, index)));
            encoding = text.encoding() == Encoding.UCS2 ? Encoding.UCS2 : encoding;
            most = Math.max(most, text.partCount());
            cost += text.partCount();
        }
        return new Priced(encoding, most, cost);
    }

    private static void checkParameters(Map<String, Map<String, String>> parameters, Validation v) {
        if (parameters == null) {
            return;
        }
        parameters.forEach((name, values) -> {
            if (!Template.isValidName(name)) {
                v.add("parameters." + name, "invalid_parameter_name", "parameter names are 1 to "
                        + Template.MAX_NAME_LENGTH + " letters, digits and _ . -");
            }
            values.forEach((key, value) -> {
                if (value.length() > Template.MAX_VALUE_LENGTH) {
                    v.add("parameters." + name + "." + key, "value_too_long", "parameter values are at most "
                            + Template.MAX_VALUE_LENGTH + " characters");
                }
            });
        });
    }

    record Valid(String from, List<String> to, String body, boolean deliveryReport, Instant sendAt, Instant expireAt,
                 String referenceId, String callbackUrl, String fingerprint, Map<String, Map<String, String>> parameters,
                 boolean ignoreQuietHours) {

        /** Whether the body uses a placeholder: then each recipient's text is its own. */
        boolean templated() {
            return parameters != null && !Template.placeholders(body, parameters.keySet()).isEmpty();
        }
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
        if (referenceId != null && !BatchSubmission.isValidReference(referenceId)) {
            v.add("reference_id", "invalid_reference", "reference_id must be 1 to " + BatchSubmission.MAX_REFERENCE_LENGTH
                    + " characters of letters, digits and . _ : -");
        }
        if (r.callbackUrl() != null) {
            webhookUrls.check(r.callbackUrl())
                    .ifPresent(refusal -> v.add("callback_url", refusal.code(), "callback_url: " + refusal.message()));
        }
        checkParameters(r.parameters(), v);
        boolean ignoreQuietHours = ignoresQuietHours(r, v);
        v.throwIfInvalid();
        String fingerprint = fingerprint(r.from(), r.to(), body, deliveryReport, r.sendAt(), r.expireAt(), r.callbackUrl(),
                r.parameters());
        if (ignoreQuietHours) {
            // Only then: a request without the field keeps the fingerprint it always had.
            fingerprint = fingerprint + ":quiet_hours=ignore";
        }
        return new Valid(r.from(), r.to(), body, deliveryReport, sendAt, expireAt,
                referenceId == null ? Ids.ulid(now.toEpochMilli()) : referenceId, r.callbackUrl(), fingerprint,
                r.parameters(), ignoreQuietHours);
    }

    private static boolean ignoresQuietHours(SendRequest r, Validation v) {
        if (r.quietHours() == null || r.quietHours().equals("account")) {
            return false;
        }
        if (r.quietHours().equals("ignore")) {
            return true;
        }
        v.add("quiet_hours", "invalid_value", "quiet_hours must be \"account\" or \"ignore\"");
        return false;
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

    /** What makes two requests "the same" for idempotency: every field that changes what is sent. */
    static String fingerprint(String from, List<String> to, String body, boolean deliveryReport, String sendAt,
                              String expireAt, String callbackUrl, Map<String, Map<String, String>> parameters) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{from, body, Boolean.toString(deliveryReport), sendAt, expireAt, callbackUrl}) {
                update(sha, part);
            }
            for (String entry : to) {
                update(sha, entry);
            }
            if (parameters != null) {
                // Sorted, so that the same parameters in another order are the same request; absent adds nothing,
                // so a request without them keeps the fingerprint it always had.
                update(sha, "parameters");
                for (var name : new TreeMap<>(parameters).entrySet()) {
                    update(sha, name.getKey());
                    for (var value : new TreeMap<>(name.getValue()).entrySet()) {
                        update(sha, value.getKey());
                        update(sha, value.getValue());
                    }
                    update(sha, null);
                }
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
