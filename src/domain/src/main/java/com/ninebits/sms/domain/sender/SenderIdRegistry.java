package com.ninebits.sms.domain.sender;

import com.ninebits.sms.domain.error.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Sender IDs: customers request them, the operator approves or rejects them. */
public final class SenderIdRegistry {

    private final SenderIdStore store;
    private final Clock clock;
    private final boolean autoApprove;

    public SenderIdRegistry(SenderIdStore store, Clock clock, boolean autoApprove) {
        this.store = store;
        this.clock = clock;
        this.autoApprove = autoApprove;
    }

    /** Requests a sender ID; asking again for one the account has returns it unchanged. */
    public SenderId request(String accountId, String senderId) {
        requireShape("sender_id", senderId);
        Instant now = clock.instant();
        SenderId created = new SenderId(accountId, senderId,
                autoApprove ? SenderId.Status.APPROVED : SenderId.Status.PENDING, now, now);
        if (store.createIfAbsent(created)) {
            return created;
        }
        return store.find(accountId, senderId).orElse(created);
    }

    public List<SenderId> list(String accountId) {
        return store.list(accountId);
    }

    /** The operator's decision; a sender ID nobody requested can be approved directly. */
    public SenderId decide(String accountId, String senderId, SenderId.Status status) {
        requireShape("sender_id", senderId);
        if (status == null || status == SenderId.Status.PENDING) {
            throw DomainException.Invalid.of("status", "invalid_status", "status must be \"approved\" or \"rejected\"");
        }
        Instant now = clock.instant();
        SenderId decided = store.find(accountId, senderId)
                .map(existing -> new SenderId(accountId, senderId, status, existing.createdAt(), now))
                .orElse(new SenderId(accountId, senderId, status, now, now));
        store.save(decided);
        return decided;
    }

    public boolean isApproved(String accountId, String senderId) {
        return store.find(accountId, senderId).map(s -> s.status() == SenderId.Status.APPROVED).orElse(false);
    }

    private static void requireShape(String field, String senderId) {
        if (!SenderId.isValidShape(senderId)) {
            throw DomainException.Invalid.of(field, "invalid_sender_id",
                    field + " must be 1 to 11 letters and digits, or a number of up to 15 digits");
        }
    }
}
