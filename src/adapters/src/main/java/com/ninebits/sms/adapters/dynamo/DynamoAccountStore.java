package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Account profiles ({@code ACC#id / PROFILE}) with their balance and webhook. */
@ApplicationScoped
public class DynamoAccountStore implements AccountStore {

    static final String PROFILE = "PROFILE";
    private static final String REFUND_NOTE = "refund~";

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
                .putNumber("dispatch_window", account.dispatchWindow())
                .putNumber("max_parts", account.maxParts())
                .putNumber("balance", account.balance())
                .putString("created_at", account.createdAt().toString())
                // Credit reservations of batches under way (see DynamoCreditReservations).
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

    /** The account held by a profile item, however it was read; one written before windows existed has the default. */
    static Account toAccount(EnhancedDocument doc) {
        int window = doc.isPresent("dispatch_window") ? Docs.intOf(doc, "dispatch_window") : Account.DEFAULT_DISPATCH_WINDOW;
        return new Account(doc.getString("account_id"), doc.getString("name"), doc.getString("default_country"),
                Docs.intOf(doc, "rate_limit_mps"), window, Docs.intOf(doc, "max_parts"), Docs.longOf(doc, "balance"),
                Docs.instantOf(doc, "created_at"));
    }

    @Override
    public Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits) {
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        if (limits.rateLimitMps() != null) {
            set.add("rate_limit_mps = :rate");
            values.put(":rate", Docs.n(limits.rateLimitMps()));
        }
        if (limits.dispatchWindow() != null) {
            set.add("dispatch_window = :window");
            values.put(":window", Docs.n(limits.dispatchWindow()));
        }
        if (limits.maxParts() != null) {
            set.add("max_parts = :parts");
            values.put(":parts", Docs.n(limits.maxParts()));
        }
        if (values.isEmpty()) {
            return find(accountId);
        }
        try {
            UpdateItemResponse response = tables.client().updateItem(b -> b
                    .tableName(tables.names().accounts())
                    .key(key(accountId))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(toAccount(EnhancedDocument.fromAttributeValueMap(response.attributes())));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public long credit(String accountId, long amount) {
        UpdateItemResponse response = tables.client().updateItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .updateExpression("ADD balance :amount")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":amount", Docs.n(amount)))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("balance").n());
    }

    @Override
    public Optional<Long> debitIfCovered(String accountId, long amount) {
        try {
            UpdateItemResponse response = tables.client().updateItem(b -> b
                    .tableName(tables.names().accounts())
                    .key(key(accountId))
                    .updateExpression("SET balance = balance - :amount")
                    .conditionExpression("attribute_exists(pk) AND balance >= :amount")
                    .expressionAttributeValues(Map.of(":amount", Docs.n(amount)))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return Optional.of(Long.parseLong(response.attributes().get("balance").n()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * The note that a refund was paid lives in the profile's {@code reservations} map (under
     * {@code refund~<id>}), written in the same conditional update as the balance: the payment and
     * its note can never be separated, so a repeated request pays nothing.
     */
    @Override
    public boolean refundOnce(String accountId, String refundId, long amount) {
        try {
            tables.client().updateItem(b -> b
                    .tableName(tables.names().accounts())
                    .key(key(accountId))
                    .updateExpression("SET balance = balance + :amount, reservations.#refund = :amount")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(reservations.#refund)")
                    .expressionAttributeNames(Map.of("#refund", REFUND_NOTE + refundId))
                    .expressionAttributeValues(Map.of(":amount", Docs.n(amount))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void forgetRefund(String accountId, String refundId) {
        tables.client().updateItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .updateExpression("REMOVE reservations.#refund")
                .expressionAttributeNames(Map.of("#refund", REFUND_NOTE + refundId)));
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
