package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Credit;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A dry run: plans the send exactly as {@link BatchSubmission} would (the same validation,
 * recipients, texts and price) and shows it beside the balance; stores, queues and charges nothing.
 */
public final class SendPreview {

    /** At most this many recipients are listed one by one. */
    public static final int MAX_LISTED = 1000;

    private final BatchPlanning planning;
    private final Credit credit;

    public SendPreview(BatchPlanning planning, Credit credit) {
        this.planning = planning;
        this.credit = credit;
    }

    /** The plan, the account's balance now, and the first recipients' own texts when asked (else empty). */
    public record Preview(BatchPlan plan, long balance, List<BatchPlan.RecipientPrice> perRecipient) {
    }

    public Preview preview(String accountId, SendRequest request, boolean perRecipient) {
        BatchPlan plan = planning.plan(accountId, request);
        List<BatchPlan.RecipientPrice> listed = perRecipient
                ? IntStream.range(0, Math.min(MAX_LISTED, plan.batch().recipients().size())).mapToObj(plan::recipient).toList()
                : List.of();
        return new Preview(plan, credit.balance(accountId), listed);
    }
}
