package com.ninebits.sms.domain.sender;

import java.util.List;
import java.util.Optional;

public interface SenderIdStore {

    /** Stores a new request; false when the account already has this sender ID (nothing changed). */
    boolean createIfAbsent(SenderId senderId);

    void save(SenderId senderId);

    Optional<SenderId> find(String accountId, String senderId);

    List<SenderId> list(String accountId);
}
