package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore.Page;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DynamoGroupStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoGroupStore store = new DynamoGroupStore(tables);
    private final String account = LocalTables.unique("acc");

    private static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("23480200%05d", i)).toList();
    }

    private Group created(String name, List<String> members) {
        Group group = new Group(account, LocalTables.unique("grp"), name, members.size(), T0);
        store.create(group, members);
        return group;
    }

    @Test
    void aGroupIsFoundAndListedWithItsMembers() {
        Group group = created("Customers", numbers(3));

        assertEquals(Optional.of(group), store.find(account, group.id()));
        assertEquals(List.of(group), store.list(account));
        assertEquals(numbers(3), store.allMembers(group.id()));
    }

    @Test
    void membersArePagedInNumberOrder() {
        Group group = created("Big", numbers(7));
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page page = store.members(group.id(), 3, after);
            seen.addAll(page.members());
            after = page.nextAfter();
            pages++;
        } while (after != null);

        assertEquals(numbers(7), seen);
        assertEquals(3, pages);
    }

    @Test
    void aFullLastPageSaysThereIsNoNext() {
        Group group = created("Six", numbers(6));

        Page second = store.members(group.id(), 3, store.members(group.id(), 3, null).nextAfter());

        assertEquals(numbers(6).subList(3, 6), second.members());
        assertNull(second.nextAfter());
    }

    @Test
    void theSizeMovesByExactlyWhatChanged() {
        Group group = created("Some", numbers(3));
        List<String> add = List.of(numbers(3).get(0), "2348029999999", "2348029999999");
        List<String> remove = List.of(numbers(3).get(1), "2348028888888");

        Group changed = store.changeMembers(group, add, remove);

        assertEquals(3, changed.size(), "one added (a member and a duplicate ignored), one removed (a stranger ignored)");
        assertEquals(List.of(numbers(3).get(0), numbers(3).get(2), "2348029999999"), store.allMembers(group.id()));
        assertEquals(3, store.find(account, group.id()).orElseThrow().size());
    }

    @Test
    void twoRequestsAddingTheSameMemberAtOnceCountItOnce() {
        Group group = created("Race", numbers(1));

        var one = CompletableFuture.supplyAsync(() -> store.changeMembers(group, List.of("2348029999999"), List.of()));
        var two = CompletableFuture.supplyAsync(() -> store.changeMembers(group, List.of("2348029999999"), List.of()));
        one.join();
        two.join();

        assertEquals(2, store.find(account, group.id()).orElseThrow().size());
    }

    @Test
    void aDeletedGroupTakesItsMembersWithIt() {
        Group group = created("Gone", numbers(30));

        store.delete(group);

        assertEquals(Optional.empty(), store.find(account, group.id()));
        assertEquals(List.of(), store.allMembers(group.id()));
        assertEquals(0, tables.accounts().items(Keys.members(group.id()), true).size());
    }
}
