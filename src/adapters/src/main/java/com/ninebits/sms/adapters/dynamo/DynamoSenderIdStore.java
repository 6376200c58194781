package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Sender IDs ({@code ACC#id / SENDER#value}). */
@ApplicationScoped
public class DynamoSenderIdStore implements SenderIdStore {

    private final Table accounts;

    public DynamoSenderIdStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public boolean createIfAbsent(SenderId senderId) {
        return accounts.putIfAbsent(SenderIdItem.write(senderId));
    }

    @Override
    public void save(SenderId senderId) {
        accounts.put(SenderIdItem.write(senderId));
    }

    @Override
    public Optional<SenderId> find(String accountId, String senderId) {
        return accounts.get(Keys.senderId(accountId, senderId)).map(item -> SenderIdItem.read(accountId, item));
    }

    @Override
    public List<SenderId> list(String accountId) {
        return accounts.items(Keys.account(accountId), Keys.SENDER_ID, false).stream()
                .map(item -> SenderIdItem.read(accountId, item))
                .toList();
    }
}
