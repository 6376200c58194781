package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.SendingAccounts;
import com.ninebits.sms.domain.sender.SenderId;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account's profile and the named sender ID in one BatchGetItem: both live under {@code ACC#id}. */
@ApplicationScoped
public class DynamoSendingAccounts implements SendingAccounts {

    private final Table accounts;

    public DynamoSendingAccounts(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public Optional<Sending> load(String accountId, String senderId) {
        Map<String, KeysAndAttributes> request = new HashMap<>(Map.of(accounts.name(), KeysAndAttributes.builder()
                .keys(List.of(Keys.profile(accountId).attributes(), Keys.senderId(accountId, senderId).attributes()))
                .consistentRead(true)
                .build()));
        Map<String, AttributeValue> profile = null;
        Map<String, AttributeValue> sender = null;
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> call = request;
            BatchGetItemResponse response = accounts.client().batchGetItem(b -> b.requestItems(call));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(accounts.name(), List.of())) {
                if (Keys.isProfile(item)) {
                    profile = item;
                } else {
                    sender = item;
                }
            }
            request = response.hasUnprocessedKeys() ? new HashMap<>(response.unprocessedKeys()) : Map.of();
        }
        if (profile == null) {
            return Optional.empty();
        }
        boolean approved = sender != null && SenderIdItem.status(sender) == SenderId.Status.APPROVED;
        return Optional.of(new Sending(ProfileItem.account(profile), approved, ProfileItem.hasWebhook(profile)));
    }
}
