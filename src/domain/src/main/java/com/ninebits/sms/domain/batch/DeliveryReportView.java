package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A batch's delivery report: its messages grouped by status and error code ({@code summary}), with
 * each group's recipients ({@code full}); and one recipient's report with the history of its
 * status changes. Messages still without a record count as queued, as on the status page
 * ({@link BatchReport#stateOf}).
 */
public final class DeliveryReportView {

    private final BatchReport report;
    private final MessageStore messages;
    private final AccountStore accounts;

    public DeliveryReportView(BatchReport report, MessageStore messages, AccountStore accounts) {
        this.report = report;
        this.messages = messages;
        this.accounts = accounts;
    }

    /** The messages of one status and error code: how many, and (in a full report) to whom. */
    public record Group(MessageState.Status status, String code, int count, List<String> recipients) {
    }

    public record Report(String referenceId, int totalMessageCount, List<Group> statuses) {
    }

    /** One recipient's message as it stands and how it got there, oldest change first. */
    public record RecipientReport(MessageState state, List<StatusChange> history) {
    }

    /**
     * {@code type}: {@code summary} (the default) or {@code full}; {@code statuses}: a
     * comma-separated list of message statuses to keep (null: all).
     */
    public Report batch(String accountId, String referenceId, String type, String statuses) {
        Validation v = new Validation();
        boolean full = false;
        if (type != null && !type.equals("summary")) {
            full = type.equals("full");
            if (!full) {
                v.add("type", "invalid_type", "type must be summary or full");
            }
        }
        Set<MessageState.Status> kept = statusesOf(v, statuses);
        v.throwIfInvalid();
        Batch batch = report.accepted(accountId, referenceId);
        int total = batch.recipients().size();
        Map<Integer, MessageState> known = messages.range(accountId, referenceId, 0, total);
        Map<GroupKey, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            MessageState state = BatchReport.stateOf(batch, i, known.get(i));
            if (kept.contains(state.status())) {
                groups.computeIfAbsent(new GroupKey(state.status(), state.errorCode()), k -> new ArrayList<>()).add(state.to());
            }
        }
        List<Group> out = new ArrayList<>();
        boolean withRecipients = full;
        groups.forEach((k, to) -> out.add(new Group(k.status(), k.code(), to.size(), withRecipients ? List.copyOf(to) : null)));
        out.sort(Comparator.comparing(Group::status).thenComparing(Group::code, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Report(batch.referenceId(), total, out);
    }

    /** The report of the batch's message to {@code number}, in any spelling the send accepts; not found if it has none. */
    public RecipientReport recipient(String accountId, String referenceId, String number) {
        Batch batch = report.accepted(accountId, referenceId);
        String country = accounts.find(accountId).map(Account::defaultCountry).orElse(null);
        Optional<String> e164 = PhoneNumbers.normalise(number, country);
        int index = e164.map(batch.recipients()::indexOf).orElse(-1);
        if (index < 0) {
            throw new DomainException.NotFound("recipient");
        }
        MessageState state = BatchReport.stateOf(batch, index,
                messages.range(accountId, referenceId, index, index + 1).get(index));
        List<StatusChange> history = new ArrayList<>();
        // Every message is queued from its batch's acceptance on: the record notes only the moves after.
        history.add(new StatusChange(MessageState.Status.QUEUED, batch.createdAt(), null, null));
        history.addAll(messages.history(accountId, referenceId, index));
        return new RecipientReport(state, history);
    }

    private record GroupKey(MessageState.Status status, String code) {
    }

    private static Set<MessageState.Status> statusesOf(Validation v, String text) {
        if (text == null) {
            return EnumSet.allOf(MessageState.Status.class);
        }
        Set<MessageState.Status> out = EnumSet.noneOf(MessageState.Status.class);
        for (String one : text.split(",", -1)) {
            try {
                out.add(BatchReport.messageStatus("status", one));
            } catch (DomainException.Invalid e) {
                v.add("status", "invalid_status", "status \"" + one.strip() + "\" is not a message status");
                return out;
            }
        }
        return out;
    }
}
