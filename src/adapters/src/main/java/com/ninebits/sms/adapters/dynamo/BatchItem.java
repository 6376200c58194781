package com.ninebits.sms.adapters.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore.Claim;
import com.ninebits.sms.domain.text.Encoding;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A batch item ({@code ACC#id / BATCH#reference}) and {@link Batch}: the idempotency record and the
 * batch in one item, recipients inline as one comma-separated string. While PENDING it carries
 * {@code pending_shard}, which files it in the sparse {@code PendingClaims} index.
 */
final class BatchItem {

    static final String STATE = "state";
    static final String TOKEN = "token";
    static final String PENDING_SHARD = "pending_shard";

    /** Every attribute {@link #write} puts but the two lists: what {@link #readToSend} projects. */
    private static final List<String> TO_SEND = List.of("account_id", "reference_id", TOKEN, "fingerprint", STATE, "from",
            "body", "encoding", "parts", "delivery_report", "created_at", "expire_at", "cost", "send_at", "callback_url");
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
        if (b.state() == Batch.State.PENDING) {
            // Indexed (sparsely) only while PENDING: what the recovery sweep looks for.
            item.put(PENDING_SHARD, Keys.pendingShard(b.referenceId()));
        }
        if (!b.rejected().isEmpty()) {
            item.put("rejected", rejectedJson(b.rejected()));
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
                rejected(Item.string(item, "rejected")), Item.number(item, "cost"));
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
