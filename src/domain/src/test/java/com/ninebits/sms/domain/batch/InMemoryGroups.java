package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Groups with their members in number order; acceptance only finds and expands them. */
final class InMemoryGroups implements GroupStore {

    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, TreeSet<String>> members = new HashMap<>();

    @Override
    public synchronized void create(Group group, Collection<String> initial) {
        groups.put(group.id(), group);
        members.put(group.id(), new TreeSet<>(initial));
    }

    @Override
    public synchronized Optional<Group> find(String accountId, String groupId) {
        return Optional.ofNullable(groups.get(groupId)).filter(g -> g.accountId().equals(accountId));
    }

    @Override
    public synchronized List<String> allMembers(String groupId) {
        return List.copyOf(members.getOrDefault(groupId, new TreeSet<>()));
    }

    @Override
    public List<Group> list(String accountId) {
        throw new UnsupportedOperationException("acceptance never lists groups");
    }

    @Override
    public Page members(String groupId, int pageSize, String after) {
        throw new UnsupportedOperationException("acceptance expands a group whole");
    }

    @Override
    public Group changeMembers(Group group, Collection<String> add, Collection<String> remove) {
        throw new UnsupportedOperationException("acceptance never changes a group");
    }

    @Override
    public void delete(Group group) {
        throw new UnsupportedOperationException("acceptance never deletes a group");
    }
}
