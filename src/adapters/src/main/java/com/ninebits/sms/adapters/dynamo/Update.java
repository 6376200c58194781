package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One UpdateItem, built clause by clause: SET, ADD and REMOVE actions are joined in the form
 * DynamoDB expects, the names and values they use declared beside them, and the condition that
 * makes the write safe to repeat or to race. Every store writes its updates this way.
 *
 * <pre>{@code
 * accounts.update(Keys.profile(id))
 *         .set("balance = balance - :amount").set("reservations.#token = :amount")
 *         .name("#token", token).value(":amount", amount)
 *         .when("attribute_exists(pk) AND balance >= :amount")
 *         .applyIf();
 * }</pre>
 */
final class Update {

    private final Table table;
    private final Keys.Key key;
    private final List<String> set = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private String condition;
    private ReturnValue returning = ReturnValue.NONE;
    private boolean tellRefusal;
    private Map<String, AttributeValue> refusedItem = Map.of();

    Update(Table table, Keys.Key key) {
        this.table = table;
        this.key = key;
    }

    /** A SET action, such as {@code "balance = balance - :amount"}. */
    Update set(String action) {
        set.add(action);
        return this;
    }

    /** An ADD action, such as {@code "balance :amount"}. */
    Update add(String action) {
        add.add(action);
        return this;
    }

    /** A REMOVE action: the path of the attribute to remove. */
    Update remove(String path) {
        remove.add(path);
        return this;
    }

    Update name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    Update value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    Update value(String placeholder, String value) {
        return value(placeholder, Docs.s(value));
    }

    Update value(String placeholder, long value) {
        return value(placeholder, Docs.n(value));
    }

    /** The condition the item must meet for the update to be made. */
    Update when(String condition) {
        this.condition = condition;
        return this;
    }

    /** What the answer carries: by default nothing, see {@link ReturnValue}. */
    Update returning(ReturnValue returning) {
        this.returning = returning;
        return this;
    }

    /**
     * Asks the store to return the item as it stood when it refused the condition (DynamoDB's
     * {@code ReturnValuesOnConditionCheckFailure}), read by {@link #refusedItem}.
     */
    Update tellingTheItemIfRefused() {
        this.tellRefusal = true;
        return this;
    }

    /**
     * After {@link #applyIfAllowed} was refused: the item as the store said it stood; empty when it
     * said nothing (not asked, or a store that ignores the request: dynalite does).
     */
    Map<String, AttributeValue> refusedItem() {
        return refusedItem;
    }

    /** Makes the update; a refused condition is an error. Returns the attributes asked for by {@link #returning}. */
    Map<String, AttributeValue> apply() {
        return table.client().updateItem(b -> {
            b.tableName(table.name()).key(key.attributes()).updateExpression(expression()).returnValues(returning);
            if (condition != null) {
                b.conditionExpression(condition);
            }
            if (tellRefusal) {
                b.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
            if (!names.isEmpty()) {
                b.expressionAttributeNames(names);
            }
            if (!values.isEmpty()) {
                b.expressionAttributeValues(values);
            }
        }).attributes();
    }

    /** Makes the update if its condition holds; false when it did not (nothing was written). */
    boolean applyIf() {
        return applyIfAllowed().isPresent();
    }

    /** {@link #apply()} if the condition holds, else empty (nothing was written). */
    Optional<Map<String, AttributeValue>> applyIfAllowed() {
        try {
            return Optional.of(apply());
        } catch (ConditionalCheckFailedException refused) {
            refusedItem = refused.hasItem() ? refused.item() : Map.of();
            return Optional.empty();
        }
    }

    String expression() {
        StringBuilder out = new StringBuilder();
        clause(out, "SET", set);
        clause(out, "ADD", add);
        clause(out, "REMOVE", remove);
        if (out.isEmpty()) {
            throw new IllegalStateException("an update with no action");
        }
        return out.toString();
    }

    private static void clause(StringBuilder out, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(keyword).append(' ').append(String.join(", ", actions));
        }
    }
}
