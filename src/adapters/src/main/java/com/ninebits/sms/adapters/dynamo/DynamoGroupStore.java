package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups: the group item ({@code ACC#id / GROUP#g}) and one item per member
 * ({@code GROUP#g / MEMBER#e164}), so that a group of any size pages and expands cheaply.
 * Members are written before the group item and deleted after it, so a group that is visible
 * always has all its members.
 */
@ApplicationScoped
public class DynamoGroupStore implements GroupStore {

    private static final String GROUP = "GROUP#";
    private static final String MEMBER = "MEMBER#";

    private final Tables tables;

    public DynamoGroupStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void create(Group group, Collection<String> members) {
        writeMembers(group.id(), members);
        tables.accounts().putItem(Tables.item(DynamoAccountStore.pk(group.accountId()), GROUP + group.id())
                .putString("group_id", group.id())
                .putString("name", group.name())
                .putNumber("size", group.size())
                .putString("created_at", group.createdAt().toString())
                .build());
    }

    @Override
    public Optional<Group> find(String accountId, String groupId) {
        return Optional.ofNullable(tables.accounts().getItem(Tables.key(DynamoAccountStore.pk(accountId), GROUP + groupId)))
                .map(doc -> fromItem(accountId, doc));
    }

    @Override
    public List<Group> list(String accountId) {
        return tables.accounts().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Tables.key(DynamoAccountStore.pk(accountId), GROUP)))
                        .build())
                .items().stream().map(doc -> fromItem(accountId, doc)).toList();
    }

    @Override
    public Page members(String groupId, int pageSize, String after) {
        Map<String, AttributeValue> start = after == null ? null
                : Map.of(Tables.PK, Docs.s(GROUP + groupId), Tables.SK, Docs.s(MEMBER + after));
        List<String> out = new ArrayList<>(pageSize);
        Map<String, AttributeValue> next = start;
        // Query's Limit counts items read, so keep reading until the page is full or the group ends.
        do {
            Map<String, AttributeValue> from = next;
            QueryResponse response = tables.client().query(b -> b
                    .tableName(tables.names().accounts())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :member)")
                    .expressionAttributeValues(Map.of(":pk", Docs.s(GROUP + groupId), ":member", Docs.s(MEMBER)))
                    .limit(pageSize - out.size())
                    .exclusiveStartKey(from));
            response.items().forEach(item -> out.add(item.get(Tables.SK).s().substring(MEMBER.length())));
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (next != null && out.size() < pageSize);
        boolean more = next != null && hasMemberAfter(groupId, out.get(out.size() - 1));
        return new Page(out, more ? out.get(out.size() - 1) : null);
    }

    private boolean hasMemberAfter(String groupId, String last) {
        return tables.client().query(b -> b
                .tableName(tables.names().accounts())
                .keyConditionExpression("pk = :pk AND sk > :last")
                .expressionAttributeValues(Map.of(":pk", Docs.s(GROUP + groupId), ":last", Docs.s(MEMBER + last)))
                .limit(1)).count() > 0;
    }

    @Override
    public List<String> allMembers(String groupId) {
        List<String> out = new ArrayList<>();
        String after = null;
        do {
            Page page = members(groupId, 1000, after);
            out.addAll(page.members());
            after = page.nextAfter();
        } while (after != null);
        return out;
    }

    @Override
    public Group changeMembers(Group group, Collection<String> add, Collection<String> remove) {
        Set<String> removeSet = new HashSet<>(remove);
        List<String> toAdd = add.stream().filter(n -> !removeSet.contains(n)).toList();
        Set<String> existing = existing(group.id(), concat(toAdd, remove));
        List<String> added = toAdd.stream().filter(n -> !existing.contains(n)).toList();
        List<String> removed = remove.stream().filter(existing::contains).toList();
        writeMembers(group.id(), added);
        List<WriteRequest> deletes = removed.stream()
                .map(n -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Map.of(Tables.PK, Docs.s(GROUP + group.id()), Tables.SK, Docs.s(MEMBER + n))).build()).build())
                .toList();
        BatchWrites.write(tables.client(), tables.names().accounts(), deletes);
        long delta = added.size() - removed.size();
        var response = tables.client().updateItem(b -> b
                .tableName(tables.names().accounts())
                .key(Map.of(Tables.PK, Docs.s(DynamoAccountStore.pk(group.accountId())), Tables.SK, Docs.s(GROUP + group.id())))
                .updateExpression("ADD #size :delta")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#size", "size"))
                .expressionAttributeValues(Map.of(":delta", Docs.n(delta)))
                .returnValues(ReturnValue.UPDATED_NEW));
        long size = Long.parseLong(response.attributes().get("size").n());
        return new Group(group.accountId(), group.id(), group.name(), size, group.createdAt());
    }

    @Override
    public void delete(Group group) {
        tables.accounts().deleteItem(Tables.key(DynamoAccountStore.pk(group.accountId()), GROUP + group.id()));
        List<WriteRequest> deletes = allMembers(group.id()).stream()
                .map(n -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Map.of(Tables.PK, Docs.s(GROUP + group.id()), Tables.SK, Docs.s(MEMBER + n))).build()).build())
                .toList();
        BatchWrites.write(tables.client(), tables.names().accounts(), deletes);
    }

    private void writeMembers(String groupId, Collection<String> members) {
        List<WriteRequest> puts = members.stream()
                .map(n -> WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                        Tables.PK, Docs.s(GROUP + groupId), Tables.SK, Docs.s(MEMBER + n))).build()).build())
                .toList();
        BatchWrites.write(tables.client(), tables.names().accounts(), puts);
    }

    private Set<String> existing(String groupId, List<String> numbers) {
        Set<String> found = new HashSet<>();
        List<String> distinct = new ArrayList<>(new HashSet<>(numbers));
        for (int from = 0; from < distinct.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(from + 100, distinct.size())).stream()
                    .map(n -> Map.of(Tables.PK, Docs.s(GROUP + groupId), Tables.SK, Docs.s(MEMBER + n)))
                    .toList();
            Map<String, KeysAndAttributes> request = new HashMap<>(Map.of(tables.names().accounts(),
                    KeysAndAttributes.builder().keys(keys).build()));
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> call = request;
                var response = tables.client().batchGetItem(b -> b.requestItems(call));
                response.responses().getOrDefault(tables.names().accounts(), List.of())
                        .forEach(item -> found.add(item.get(Tables.SK).s().substring(MEMBER.length())));
                request = response.hasUnprocessedKeys() ? new HashMap<>(response.unprocessedKeys()) : Map.of();
            }
        }
        return found;
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Group fromItem(String accountId, EnhancedDocument doc) {
        return new Group(accountId, doc.getString("group_id"), doc.getString("name"), Docs.longOf(doc, "size"),
                Docs.instantOf(doc, "created_at"));
    }
}
