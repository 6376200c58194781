package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Sender IDs ({@code ACC#id / SENDER#value}). */
@ApplicationScoped
public class DynamoSenderIdStore implements SenderIdStore {

    private static final String PREFIX = "SENDER#";

    private final Tables tables;

    public DynamoSenderIdStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public boolean createIfAbsent(SenderId senderId) {
        try {
            tables.accounts().putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(toItem(senderId))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void save(SenderId senderId) {
        tables.accounts().putItem(toItem(senderId));
    }

    @Override
    public Optional<SenderId> find(String accountId, String senderId) {
        return Optional.ofNullable(tables.accounts().getItem(
                        Tables.key(DynamoAccountStore.pk(accountId), PREFIX + senderId)))
                .map(doc -> fromItem(accountId, doc));
    }

    @Override
    public List<SenderId> list(String accountId) {
        return tables.accounts().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Tables.key(DynamoAccountStore.pk(accountId), PREFIX)))
                        .build())
                .items().stream()
                .map(doc -> fromItem(accountId, doc))
                .toList();
    }

    private static EnhancedDocument toItem(SenderId s) {
        return Tables.item(DynamoAccountStore.pk(s.accountId()), PREFIX + s.senderId())
                .putString("sender_id", s.senderId())
                .putString("status", s.status().wire())
                .putString("created_at", s.createdAt().toString())
                .putString("updated_at", s.updatedAt().toString())
                .build();
    }

    private static SenderId fromItem(String accountId, EnhancedDocument doc) {
        return new SenderId(accountId, doc.getString("sender_id"),
                SenderId.Status.valueOf(doc.getString("status").toUpperCase(Locale.ROOT)),
                Docs.instantOf(doc, "created_at"), Docs.instantOf(doc, "updated_at"));
    }
}
