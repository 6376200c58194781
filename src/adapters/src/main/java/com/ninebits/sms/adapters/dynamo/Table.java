package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One table through the low-level client: the reads and writes every store makes, with the
 * table's name filled in and a refused condition turned into an answer. Items are plain attribute
 * maps (see {@link Item}): no schema, no reflection, so the native image needs no registration.
 */
public record Table(DynamoDbClient client, String name) {

    /** The item under {@code key}, read eventually consistent. */
    public Optional<Map<String, AttributeValue>> get(Keys.Key key) {
        return found(client.getItem(b -> b.tableName(name).key(key.attributes())).item());
    }

    /** Only the attributes {@code projection} names, possibly a moment old; empty when there is none. */
    Map<String, AttributeValue> get(Keys.Key key, String projection, Map<String, String> names) {
        Map<String, AttributeValue> item = client.getItem(b -> {
            b.tableName(name).key(key.attributes()).projectionExpression(projection);
            if (!names.isEmpty()) {
                b.expressionAttributeNames(names);
            }
        }).item();
        return item == null ? Map.of() : item;
    }

    /** The item under {@code key} as last written. */
    public Optional<Map<String, AttributeValue>> getConsistent(Keys.Key key) {
        return found(client.getItem(b -> b.tableName(name).key(key.attributes()).consistentRead(true)).item());
    }

    /** Only the attributes {@code projection} names, as last written; empty when there is no item. */
    Map<String, AttributeValue> getConsistent(Keys.Key key, String projection, Map<String, String> names) {
        Map<String, AttributeValue> item = client.getItem(b -> {
            b.tableName(name).key(key.attributes()).consistentRead(true).projectionExpression(projection);
            if (!names.isEmpty()) {
                b.expressionAttributeNames(names);
            }
        }).item();
        return item == null ? Map.of() : item;
    }

    void put(Item item) {
        client.putItem(b -> b.tableName(name).item(item.attributes()));
    }

    /** Writes a new item; one already under its key is an error ({@link ConditionalCheckFailedException}). */
    void insert(Item item) {
        client.putItem(b -> b.tableName(name).item(item.attributes()).conditionExpression("attribute_not_exists(pk)"));
    }

    /** Writes the item only where none is; false when one was there already (nothing written). */
    boolean putIfAbsent(Item item) {
        try {
            insert(item);
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    void delete(Keys.Key key) {
        client.deleteItem(b -> b.tableName(name).key(key.attributes()));
    }

    /** Deletes the item; true when there was one (so this call removed it). */
    boolean deleteExisting(Keys.Key key) {
        var deleted = client.deleteItem(b -> b.tableName(name).key(key.attributes()).returnValues(ReturnValue.ALL_OLD));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    /** Deletes the item only if {@code condition} holds; false when it did not (nothing deleted). */
    boolean deleteIf(Keys.Key key, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            client.deleteItem(b -> {
                b.tableName(name).key(key.attributes()).conditionExpression(condition).expressionAttributeValues(values);
                if (!names.isEmpty()) {
                    b.expressionAttributeNames(names);
                }
            });
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    /** An update of the item under {@code key}, to be built clause by clause. */
    Update update(Keys.Key key) {
        return new Update(this, key);
    }

    /** Every item of partition {@code pk} whose sort key begins with {@code prefix}, page after page. */
    List<Map<String, AttributeValue>> items(String pk, String prefix, boolean consistent) {
        return client.queryPaginator(b -> b.tableName(name)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", Docs.s(pk), ":prefix", Docs.s(prefix)))
                        .consistentRead(consistent))
                .items().stream().toList();
    }

    /** Every item of partition {@code pk}, page after page. */
    List<Map<String, AttributeValue>> items(String pk, boolean consistent) {
        return client.queryPaginator(b -> b.tableName(name)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Docs.s(pk)))
                        .consistentRead(consistent))
                .items().stream().toList();
    }

    /** One page of a query, for the callers that page themselves. */
    QueryResponse query(Consumer<QueryRequest.Builder> request) {
        return client.query(b -> request.accept(b.tableName(name)));
    }

    private static Optional<Map<String, AttributeValue>> found(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
