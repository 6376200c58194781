package com.ninebits.sms.domain.group;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface GroupStore {

    void create(Group group, Collection<String> members);

    Optional<Group> find(String accountId, String groupId);

    List<Group> list(String accountId);

    /** Members in number order, a page at a time; {@code after} is the last member of the previous page. */
    Page members(String groupId, int pageSize, String after);

    /** Every member, in number order: for expanding a group when a batch is accepted. */
    List<String> allMembers(String groupId);

    /** Adds and removes members, keeps the group's size exact, and returns the group after the change. */
    Group changeMembers(Group group, Collection<String> add, Collection<String> remove);

    void delete(Group group);

    record Page(List<String> members, String nextAfter) {
    }
}
