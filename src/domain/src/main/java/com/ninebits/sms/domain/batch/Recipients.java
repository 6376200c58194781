package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupStore;
import com.ninebits.sms.domain.optout.OptOutStore;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the entries of {@code to} into distinct E.164 recipients in {@code to} order, expanding
 * groups where they stand. A bad entry is rejected alone; the batch goes on with the rest. So is
 * a number on the account's opt-out list ({@code opted_out}): every way into a send (HTTP, the
 * send-request queue, the dry run) resolves its recipients here, so none can reach it.
 */
public final class Recipients {

    private final GroupStore groups;
    private final OptOutStore optOuts;

    public Recipients(GroupStore groups, OptOutStore optOuts) {
        this.groups = groups;
        this.optOuts = optOuts;
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
        // Each number with the entry it was first named by: a group's members are named by themselves.
        Map<String, String> accepted = new LinkedHashMap<>(entries.size() * 2);
        List<Batch.Rejected> rejected = new ArrayList<>();
        Map<String, String> viaGroup = new HashMap<>();
        for (String entry : entries) {
            if (Group.looksLikeId(entry)) {
                // A group id that cannot exist is not looked up: an over-long one is too long for a store key.
                var group = Ids.couldExist(entry) ? groups.find(accountId, entry) : Optional.<Group>empty();
                if (group.isPresent()) {
                    for (String member : groups.allMembers(group.get().id())) {
                        if (accepted.putIfAbsent(member, member) == null) {
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
                accepted.putIfAbsent(number.get(), entry);
            } else {
                rejected.add(new Batch.Rejected(entry, "invalid_number"));
            }
        }
        return withoutOptedOut(accountId, accepted, rejected, viaGroup);
    }

    /** One read of the list for all of them (the store batches it), not one per recipient. */
    private Resolved withoutOptedOut(String accountId, Map<String, String> accepted, List<Batch.Rejected> rejected,
                                    Map<String, String> viaGroup) {
        Set<String> optedOut = accepted.isEmpty() ? Set.of() : optOuts.optedOut(accountId, accepted.keySet());
        List<String> sendTo = new ArrayList<>(accepted.size());
        accepted.forEach((number, entry) -> {
            if (optedOut.contains(number)) {
                rejected.add(new Batch.Rejected(entry, "opted_out"));
            } else {
                sendTo.add(number);
            }
        });
        optedOut.forEach(viaGroup::remove);
        return new Resolved(List.copyOf(sendTo), rejected, viaGroup);
    }
}
