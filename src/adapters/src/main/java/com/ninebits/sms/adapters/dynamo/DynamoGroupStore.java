package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "group-member-writes");
        t.setDaemon(true);
        return t;
    });

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

    /**
     * Each member is added by a conditional put and removed by a delete that returns what it
     * deleted, so the size moves by exactly what changed, even when two requests add or remove the
     * same member at the same moment. The writes run side by side, so a large change stays quick.
     */
    @Override
    public Group changeMembers(Group group, Collection<String> add, Collection<String> remove) {
        Set<String> removeSet = new HashSet<>(remove);
        List<Callable<Integer>> changes = new ArrayList<>();
        for (String number : new java.util.LinkedHashSet<>(add)) {
            if (!removeSet.contains(number)) {
                changes.add(() -> addMember(group.id(), number));
            }
        }
        for (String number : removeSet) {
            changes.add(() -> removeMember(group.id(), number));
        }
        long change = 0;
        try {
            for (Future<Integer> done : WRITERS.invokeAll(changes)) {
                change += done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing the members of group " + group.id(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        long delta = change;
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

    /** 1 if this call made {@code number} a member, 0 if it was one already (a duplicate is ignored). */
    private int addMember(String groupId, String number) {
        try {
            tables.client().putItem(b -> b.tableName(tables.names().accounts())
                    .item(memberKey(groupId, number))
                    .conditionExpression("attribute_not_exists(pk)"));
            return 1;
        } catch (ConditionalCheckFailedException alreadyMember) {
            return 0;
        }
    }

    /** -1 if this call removed {@code number}, 0 if it was not a member. */
    private int removeMember(String groupId, String number) {
        var deleted = tables.client().deleteItem(b -> b.tableName(tables.names().accounts())
                .key(memberKey(groupId, number))
                .returnValues(ReturnValue.ALL_OLD));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty() ? -1 : 0;
    }

    private static Map<String, AttributeValue> memberKey(String groupId, String number) {
        return Map.of(Tables.PK, Docs.s(GROUP + groupId), Tables.SK, Docs.s(MEMBER + number));
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

    private static Group fromItem(String accountId, EnhancedDocument doc) {
        return new Group(accountId, doc.getString("group_id"), doc.getString("name"), Docs.longOf(doc, "size"),
                Docs.instantOf(doc, "created_at"));
    }
}
