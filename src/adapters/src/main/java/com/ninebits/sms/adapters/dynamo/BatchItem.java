package com.ninebits.sms.adapters.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.BatchStore.Claim;
import com.ninebits.sms.domain.batch.RecipientValues;
import com.ninebits.sms.domain.text.Encoding;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A batch item ({@code ACC#id / BATCH#reference}) and {@link Batch}: the idempotency record and the
 * batch in one item, recipients inline as one comma-separated string. While PENDING it carries
 * {@code pending_shard}, which files it in the sparse {@code PendingClaims} index.
 */
final class BatchItem {

    static final String STATE = "state";
    static final String TOKEN = "token";
    static final String PENDING_SHARD = "pending_shard";
    /**
     * A templated batch's {@link RecipientValues}: names, distinct rows of values, and each
     * recipient's row (base 36, comma-separated, aligned with {@code recipients}). Rendered texts are
     * never stored: 10,000 of them would not fit in one item.
     */
    static final String VALUES = "recipient_values";
    /** The keys of the {@code AccountBatches} index, written once the batch is ACCEPTED. */
    static final String LISTED_ACCOUNT = "listed_account";
    static final String LISTED_AT = "listed_at";
    static final String CANCELLED_AT = "cancelled_at";

    /** Every attribute {@link #write} puts but the two lists: what {@link #readToSend} projects. */
    private static final List<String> TO_SEND = List.of("account_id", "reference_id", TOKEN, "fingerprint", STATE, "from",
            "body", "encoding", "parts", "delivery_report", "created_at", "expire_at", "cost", "send_at", "callback_url",
            "recipient_values", "cancelled_at", "ignore_quiet_hours");
    /** The projection of {@link #TO_SEND}, each name behind a placeholder (several are reserved words). */
    static final String TO_SEND_PROJECTION = String.join(", ",
            java.util.stream.IntStream.range(0, TO_SEND.size()).mapToObj(i -> "#a" + i).toList());
    static final Map<String, String> TO_SEND_NAMES = java.util.stream.IntStream.range(0, TO_SEND.size()).boxed()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(i -> "#a" + i, TO_SEND::get));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> REJECTED = new TypeReference<>() {
    };

    private BatchItem() {
    }

    static Item write(Batch b) {
        Item item = Item.at(Keys.batch(b.accountId(), b.referenceId()))
                .put("account_id", b.accountId())
                .put("reference_id", b.referenceId())
                .put(TOKEN, b.token())
                .put("fingerprint", b.fingerprint())
                .put(STATE, b.state().name())
                .put("from", b.from())
                .put("body", b.body())
                .put("encoding", b.encoding().name())
                .put("parts", b.parts())
                .put("delivery_report", b.deliveryReport())
                .put("created_at", b.createdAt())
                .put("expire_at", b.expireAt())
                .put("recipients", String.join(",", b.recipients()))
                .put("recipients_total", b.recipients().size())
                .put("cost", b.cost())
                .putIfPresent("send_at", b.sendAt())
                .putIfPresent("callback_url", b.callbackUrl());
        if (b.ignoreQuietHours()) {
            item.put("ignore_quiet_hours", true);
        }
        if (b.state() == Batch.State.PENDING) {
            // Indexed (sparsely) only while PENDING: what the recovery sweep looks for.
            item.put(PENDING_SHARD, Keys.pendingShard(b.referenceId()));
        }
        if (b.state() == Batch.State.ACCEPTED) {
            item.put(LISTED_ACCOUNT, b.accountId()).put(LISTED_AT, listedAt(b.createdAt()));
        }
        if (b.cancelledAt() != null) {
            item.put(CANCELLED_AT, b.cancelledAt());
        }
        if (!b.rejected().isEmpty()) {
            item.put("rejected", rejectedJson(b.rejected()));
        }
        if (!b.values().none()) {
            item.put(VALUES, valuesJson(b.values()));
        }
        return item;
    }

    static Batch read(Map<String, AttributeValue> item) {
        String recipients = Item.string(item, "recipients");
        return new Batch(Item.string(item, "account_id"), Item.string(item, "reference_id"), Item.string(item, TOKEN),
                Item.string(item, "fingerprint"), Batch.State.valueOf(Item.string(item, STATE)), Item.string(item, "from"),
                Item.string(item, "body"), Encoding.valueOf(Item.string(item, "encoding")), Item.integer(item, "parts"),
                Item.flag(item, "delivery_report"), Item.instant(item, "created_at"), Item.instant(item, "send_at"),
                Item.instant(item, "expire_at"), Item.string(item, "callback_url"),
                recipients == null || recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(",")),
                rejected(Item.string(item, "rejected")), Item.number(item, "cost"), values(Item.string(item, VALUES)),
                Item.instant(item, CANCELLED_AT), Item.flag(item, "ignore_quiet_hours"));
    }

    /**
     * The index's sort key: the creation time with exactly three fractional digits, so that the
     * text sorts as the times do ({@code Instant.toString} drops trailing zeros, which would not).
     */
    static String listedAt(java.time.Instant createdAt) {
        return com.ninebits.sms.domain.batch.Timestamps.out(createdAt);
    }

    /** A batch as the {@code AccountBatches} index projects it. */
    static BatchStore.Listed listed(Map<String, AttributeValue> indexed) {
        return new BatchStore.Listed(Item.string(indexed, "reference_id"), Item.string(indexed, "from"),
                Item.instant(indexed, "created_at"), Item.instant(indexed, "send_at"), Item.integer(indexed, "recipients_total"),
                Item.integer(indexed, "parts"), Item.instant(indexed, CANCELLED_AT));
    }

    /** A claim as the {@code PendingClaims} index projects it. */
    static Claim claim(Map<String, AttributeValue> indexed) {
        return new Claim(Item.string(indexed, "account_id"), Item.string(indexed, "reference_id"), Item.string(indexed, TOKEN));
    }

    private static String rejectedJson(List<Batch.Rejected> rejected) {
        try {
            return JSON.writeValueAsString(rejected.stream().map(r -> Map.of("to", r.to(), "reason", r.reason())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String valuesJson(RecipientValues values) {
        String rowOf = values.rowOf().stream().map(i -> Integer.toString(i, 36)).collect(Collectors.joining(","));
        try {
            return JSON.writeValueAsString(Map.of("names", values.names(), "rows", values.rows(), "row_of", rowOf));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecipientValues values(String json) {
        if (json == null) {
            return RecipientValues.NONE;
        }
        try {
            Map<String, Object> stored = JSON.readValue(json, new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) stored.get("names");
            @SuppressWarnings("unchecked")
            List<List<String>> rows = (List<List<String>>) stored.get("rows");
            String rowOf = (String) stored.get("row_of");
            List<Integer> rowIndex = rowOf.isEmpty() ? List.of()
                    : Arrays.stream(rowOf.split(",")).map(r -> Integer.parseInt(r, 36)).toList();
            return new RecipientValues(names, rows, rowIndex);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("damaged recipient values on a batch", e);
        }
    }

    private static List<Batch.Rejected> rejected(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, REJECTED).stream().map(m -> new Batch.Rejected(m.get("to"), m.get("reason"))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("damaged rejected list on a batch", e);
        }
    }
}
