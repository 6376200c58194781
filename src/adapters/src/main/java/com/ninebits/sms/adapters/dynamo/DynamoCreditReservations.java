package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.CreditReservations;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

/**
 * Reservations live in a map on the account's profile item, written in the same conditional
 * update as the debit: the debit and its record can never be separated.
 */
@ApplicationScoped
public class DynamoCreditReservations implements CreditReservations {

    private final Tables tables;

    public DynamoCreditReservations(Tables tables) {
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
    public boolean refund(String accountId, String token) {
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
