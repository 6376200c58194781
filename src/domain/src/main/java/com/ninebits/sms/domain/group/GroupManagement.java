package com.ninebits.sms.domain.group;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Groups of recipients: created with members, read a page at a time, changed, deleted. */
public final class GroupManagement {

    public static final int MAX_MEMBERS_PER_REQUEST = 10_000;
    public static final int MAX_PAGE_SIZE = 1000;

    private final GroupStore store;
    private final Clock clock;

    public GroupManagement(GroupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Group create(Account account, String name, List<String> members) {
        return create(account, name, members, new Validation());
    }

    /**
     * Creates a group. {@code earlier} holds what the caller already found wrong with the request
     * (a missing or mistyped field), so that one answer names every bad field.
     */
    public Group create(Account account, String name, List<String> members, Validation earlier) {
        Validation v = earlier;
        String trimmed = name == null ? "" : name.strip();
        if ((trimmed.isEmpty() || trimmed.length() > 100) && !named(v, "name")) {
            v.add("name", "invalid", "name is required, 1 to 100 characters");
        }
        Set<String> numbers = normalise("members", members, account.defaultCountry(), v);
        v.throwIfInvalid();
        Group group = new Group(account.id(), Group.ID_PREFIX + Ids.random(16).toLowerCase(Locale.ROOT), trimmed,
                numbers.size(), clock.instant());
        store.create(group, numbers);
        return group;
    }

    public List<Group> list(String accountId) {
        return store.list(accountId);
    }

    public Group get(String accountId, String groupId) {
        if (!Ids.couldExist(groupId)) {
            throw new DomainException.NotFound("group");
        }
        return store.find(accountId, groupId).orElseThrow(() -> new DomainException.NotFound("group"));
    }

    public GroupStore.Page members(String accountId, String groupId, int pageSize, String after) {
        Group group = get(accountId, groupId);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw DomainException.Invalid.of("page_size", "out_of_range", "page_size must be 1 to " + MAX_PAGE_SIZE);
        }
        return store.members(group.id(), pageSize, after);
    }

    public Group changeMembers(Account account, String groupId, List<String> add, List<String> remove) {
        return changeMembers(account, groupId, add, remove, new Validation());
    }

    /** Adds and removes members; {@code earlier} holds what the caller already found wrong with the request. */
    public Group changeMembers(Account account, String groupId, List<String> add, List<String> remove,
                               Validation earlier) {
        Group group = get(account.id(), groupId);
        Validation v = earlier;
        Set<String> added = normalise("add", add, account.defaultCountry(), v);
        Set<String> removed = normalise("remove", remove, account.defaultCountry(), v);
        if (added.isEmpty() && removed.isEmpty() && v.ok()) {
            v.add("add", "required", "give members to add or to remove");
        }
        v.throwIfInvalid();
        return store.changeMembers(group, added, removed);
    }

    public void delete(String accountId, String groupId) {
        store.delete(get(accountId, groupId));
    }

    private static boolean named(Validation v, String field) {
        return v.errors().stream().anyMatch(e -> e.field().equals(field));
    }

    private static Set<String> normalise(String field, List<String> raw, String country, Validation v) {
        Set<String> numbers = new LinkedHashSet<>();
        if (raw == null) {
            return numbers;
        }
        if (raw.size() > MAX_MEMBERS_PER_REQUEST) {
            v.add(field, "too_many", field + " may hold at most " + MAX_MEMBERS_PER_REQUEST + " numbers");
            return numbers;
        }
        for (int i = 0; i < raw.size(); i++) {
            String entry = raw.get(i);
            var number = PhoneNumbers.normalise(entry, country);
            if (number.isPresent()) {
                numbers.add(number.get());
            } else {
                v.add(field + "[" + i + "]", "invalid_number", "not a possible phone number");
            }
        }
        return numbers;
    }
}
