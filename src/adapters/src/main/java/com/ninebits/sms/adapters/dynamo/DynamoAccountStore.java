package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.Map;
import java.util.Optional;

/** Account profiles ({@code ACC#id / PROFILE}) and their webhook; the balance on them is {@link DynamoCredit}'s. */
@ApplicationScoped
public class DynamoAccountStore implements AccountStore {

    static final String PROFILE = "PROFILE";

    private final Tables tables;

    public DynamoAccountStore(Tables tables) {
        this.tables = tables;
    }

    static String pk(String accountId) {
        return "ACC#" + accountId;
    }

    @Override
    public void create(Account account) {
        EnhancedDocument doc = Tables.item(pk(account.id()), PROFILE)
                .putString("account_id", account.id())
                .putString("name", account.name())
                .putString("default_country", account.defaultCountry())
                .putNumber("rate_limit_mps", account.rateLimitMps())
                .putNumber("max_parts", account.maxParts())
                .putNumber("balance", account.balance())
                .putString("created_at", account.createdAt().toString())
                // Credit reservations of batches under way and refund notes (see DynamoCredit).
                .putJson("reservations", "{}")
                .build();
        tables.accounts().putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class).item(doc)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                .build());
    }

    @Override
    public Optional<Account> find(String accountId) {
        return Optional.ofNullable(tables.accounts().getItem(Tables.key(pk(accountId), PROFILE)))
                .map(DynamoAccountStore::toAccount);
    }

    /** The account held by a profile item, however it was read. */
    static Account toAccount(EnhancedDocument doc) {
        return new Account(doc.getString("account_id"), doc.getString("name"), doc.getString("default_country"),
                Docs.intOf(doc, "rate_limit_mps"), Docs.intOf(doc, "max_parts"), Docs.longOf(doc, "balance"),
                Docs.instantOf(doc, "created_at"));
    }

    @Override
    public Optional<Webhook> webhook(String accountId) {
        EnhancedDocument doc = tables.accounts().getItem(Tables.key(pk(accountId), PROFILE));
        if (doc == null || Docs.stringOf(doc, "webhook_url") == null) {
            return Optional.empty();
        }
        return Optional.of(new Webhook(doc.getString("webhook_url"), doc.getString("webhook_secret")));
    }

    @Override
    public void saveWebhook(String accountId, Webhook webhook) {
        tables.client().updateItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .updateExpression("SET webhook_url = :url, webhook_secret = :secret")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":url", Docs.s(webhook.url()), ":secret", Docs.s(webhook.encryptedSecret()))));
    }

    @Override
    public void deleteWebhook(String accountId) {
        tables.client().updateItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .updateExpression("REMOVE webhook_url, webhook_secret")
                .conditionExpression("attribute_exists(pk)"));
    }

    private static Map<String, AttributeValue> key(String accountId) {
        return Map.of(Tables.PK, Docs.s(pk(accountId)), Tables.SK, Docs.s(PROFILE));
    }
}
