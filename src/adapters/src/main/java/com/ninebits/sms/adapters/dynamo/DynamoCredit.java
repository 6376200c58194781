package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Credit;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.Map;
import java.util.Optional;

/**
 * The balance on the account's profile item ({@code ACC#id / PROFILE}), with the {@code reservations}
 * map beside it: a batch's reservation under its token, a paid refund under {@code refund~<id>}. Each
 * note is written in the same conditional update as the balance change it records, so the two can
 * never be separated.
 */
@ApplicationScoped
public class DynamoCredit implements Credit {

    private static final String REFUND_NOTE = "refund~";

    private final Tables tables;

    public DynamoCredit(Tables tables) {
        this.tables = tables;
    }

    @Override
    public boolean reserve(String accountId, String token, long amount) {
        try {
            tables.client().updateItem(b -> b
                    .tableName(tables.names().accounts())
                    .key(key(accountId))
                    .updateExpression("SET balance = balance - :amount, reservations.#token = :amount")
                    .conditionExpression("attribute_exists(pk) AND balance >= :amount")
                    .expressionAttributeNames(Map.of("#token", token))
                    .expressionAttributeValues(Map.of(":amount", Docs.n(amount))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean refundReservation(String accountId, String token) {
        Map<String, AttributeValue> item = tables.client().getItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .consistentRead(true)
                .projectionExpression("reservations.#token")
                .expressionAttributeNames(Map.of("#token", token))).item();
        AttributeValue reservations = item == null ? null : item.get("reservations");
        AttributeValue amount = reservations == null || !reservations.hasM() ? null : reservations.m().get(token);
        if (amount == null) {
            return false;
        }
        try {
            tables.client().updateItem(b -> b
                    .tableName(tables.names().accounts())
                    .key(key(accountId))
                    .updateExpression("SET balance = balance + :amount REMOVE reservations.#token")
                    .conditionExpression("reservations.#token = :amount")
                    .expressionAttributeNames(Map.of("#token", token))
                    .expressionAttributeValues(Map.of(":amount", amount)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void settle(String accountId, String token) {
        tables.client().updateItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .updateExpression("REMOVE reservations.#token")
                .expressionAttributeNames(Map.of("#token", token)));
    }

    @Override
    public long add(String accountId, long amount) {
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
    public long balance(String accountId) {
        Map<String, AttributeValue> item = tables.client().getItem(b -> b
                .tableName(tables.names().accounts())
                .key(key(accountId))
                .consistentRead(true)
                .projectionExpression("balance")).item();
        return item == null || !item.containsKey("balance") ? 0 : Long.parseLong(item.get("balance").n());
    }

    private static Map<String, AttributeValue> key(String accountId) {
        return Map.of(Tables.PK, Docs.s(DynamoAccountStore.pk(accountId)), Tables.SK, Docs.s(DynamoAccountStore.PROFILE));
    }
}
