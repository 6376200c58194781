package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the entries of {@code to} into distinct E.164 recipients in {@code to} order, expanding
 * groups where they stand. A bad entry is rejected alone; the batch goes on with the rest.
 */
public final class Recipients {

    private final GroupStore groups;

    public Recipients(GroupStore groups) {
        this.groups = groups;
    }

    /**
     * @param viaGroup for a recipient that came in through a group (and not before on its own), that
     *                 group's ID: a group's parameter values apply to its members
     */
    public record Resolved(List<String> accepted, List<Batch.Rejected> rejected, Map<String, String> viaGroup) {

        public Resolved(List<String> accepted, List<Batch.Rejected> rejected) {
            this(accepted, rejected, Map.of());
        }
    }

    public Resolved resolve(String accountId, String defaultCountry, List<String> entries) {
        Set<String> accepted = new LinkedHashSet<>(entries.size() * 2);
        List<Batch.Rejected> rejected = new ArrayList<>();
        Map<String, String> viaGroup = new HashMap<>();
        for (String entry : entries) {
            if (Group.looksLikeId(entry)) {
                // A group id that cannot exist is not looked up: an over-long one is too long for a store key.
                var group = Ids.couldExist(entry) ? groups.find(accountId, entry) : Optional.<Group>empty();
                if (group.isPresent()) {
                    for (String member : groups.allMembers(group.get().id())) {
                        if (accepted.add(member)) {
                            viaGroup.put(member, group.get().id());
                        }
                    }
                } else {
                    rejected.add(new Batch.Rejected(entry, "unknown_group"));
                }
                continue;
            }
            var number = PhoneNumbers.normalise(entry, defaultCountry);
            if (number.isPresent()) {
                accepted.add(number.get());
            } else {
                rejected.add(new Batch.Rejected(entry, "invalid_number"));
            }
        }
        return new Resolved(List.copyOf(accepted), rejected, viaGroup);
    }
}
