package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    private final Table accounts;

    public DynamoGroupStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public void create(Group group, Collection<String> members) {
        writeMembers(group.id(), members);
        accounts.put(GroupItem.write(group));
    }

    @Override
    public Optional<Group> find(String accountId, String groupId) {
        return accounts.get(Keys.group(accountId, groupId)).map(item -> GroupItem.read(accountId, item));
    }

    @Override
    public List<Group> list(String accountId) {
        return accounts.items(Keys.account(accountId), Keys.GROUP, false).stream()
                .map(item -> GroupItem.read(accountId, item)).toList();
    }

    @Override
    public Page members(String groupId, int pageSize, String after) {
        Map<String, AttributeValue> start = after == null ? null : Keys.member(groupId, after).attributes();
        List<String> out = new ArrayList<>(pageSize);
        Map<String, AttributeValue> next = start;
        // Query's Limit counts items read, so keep reading until the page is full or the group ends.
        do {
            Map<String, AttributeValue> from = next;
            QueryResponse response = accounts.query(b -> b
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :member)")
                    .expressionAttributeValues(Map.of(":pk", Docs.s(Keys.members(groupId)), ":member", Docs.s(Keys.MEMBER)))
                    .limit(pageSize - out.size())
                    .exclusiveStartKey(from));
            response.items().forEach(item -> out.add(Keys.memberNumber(item)));
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (next != null && out.size() < pageSize);
        boolean more = next != null && hasMemberAfter(groupId, out.get(out.size() - 1));
        return new Page(out, more ? out.get(out.size() - 1) : null);
    }

    private boolean hasMemberAfter(String groupId, String last) {
        Keys.Key lastKey = Keys.member(groupId, last);
        return accounts.query(b -> b
                .keyConditionExpression("pk = :pk AND sk > :last")
                .expressionAttributeValues(Map.of(":pk", Docs.s(lastKey.pk()), ":last", Docs.s(lastKey.sk())))
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
        for (String number : new LinkedHashSet<>(add)) {
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
        long size = Item.number(accounts.update(Keys.group(group.accountId(), group.id()))
                .add("#size :delta").name("#size", GroupItem.SIZE).value(":delta", delta)
                .when("attribute_exists(pk)")
                .returning(ReturnValue.UPDATED_NEW)
                .apply(), GroupItem.SIZE);
        return new Group(group.accountId(), group.id(), group.name(), size, group.createdAt());
    }

    /** 1 if this call made {@code number} a member, 0 if it was one already (a duplicate is ignored). */
    private int addMember(String groupId, String number) {
        return accounts.putIfAbsent(GroupItem.member(groupId, number)) ? 1 : 0;
    }

    /** -1 if this call removed {@code number}, 0 if it was not a member. */
    private int removeMember(String groupId, String number) {
        return accounts.deleteExisting(Keys.member(groupId, number)) ? -1 : 0;
    }

    @Override
    public void delete(Group group) {
        accounts.delete(Keys.group(group.accountId(), group.id()));
        List<WriteRequest> deletes = allMembers(group.id()).stream()
                .map(n -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Keys.member(group.id(), n).attributes()).build()).build())
                .toList();
        BatchWrites.write(accounts, deletes);
    }

    private void writeMembers(String groupId, Collection<String> members) {
        List<WriteRequest> puts = members.stream()
                .map(n -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(GroupItem.member(groupId, n).attributes()).build()).build())
                .toList();
        BatchWrites.write(accounts, puts);
    }
}
