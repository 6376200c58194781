package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.batch.SendingAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
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

    private final Tables tables;

    public DynamoSendingAccounts(Tables tables) {
        this.tables = tables;
    }

    @Override
    public Optional<Sending> load(String accountId, String senderId) {
        String pk = DynamoAccountStore.pk(accountId);
        String senderSk = "SENDER#" + senderId;
        Map<String, KeysAndAttributes> request = new HashMap<>(Map.of(tables.names().accounts(), KeysAndAttributes.builder()
                .keys(List.of(Map.of(Tables.PK, Docs.s(pk), Tables.SK, Docs.s(DynamoAccountStore.PROFILE)),
                        Map.of(Tables.PK, Docs.s(pk), Tables.SK, Docs.s(senderSk))))
                .consistentRead(true)
                .build()));
        Map<String, AttributeValue> profile = null;
        Map<String, AttributeValue> sender = null;
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> call = request;
            BatchGetItemResponse response = tables.client().batchGetItem(b -> b.requestItems(call));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tables.names().accounts(), List.of())) {
                if (item.get(Tables.SK).s().equals(DynamoAccountStore.PROFILE)) {
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
        Account account = DynamoAccountStore.toAccount(EnhancedDocument.fromAttributeValueMap(profile));
        boolean approved = sender != null && "approved".equals(sender.get("status").s());
        return Optional.of(new Sending(account, approved, profile.containsKey("webhook_url")));
    }
}
