package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.text.Encoding;
import com.ninebits.sms.domain.text.MessageText;

/**
 * A send planned and priced, not yet stored: the PENDING batch it would be. Its cost is what
 * accepting it charges, part for part; {@link #recipient} shows what one recipient is sent.
 */
public record BatchPlan(Batch batch) {

    /** One recipient's own text and what it costs: one credit per part. */
    public record RecipientPrice(String to, String body, Encoding encoding, int parts) {

        public long cost() {
            return parts;
        }
    }

    public long cost() {
        return batch.cost();
    }

    public RecipientPrice recipient(int index) {
        MessageText text = batch.messageFor(index);
        return new RecipientPrice(batch.recipients().get(index), batch.textFor(index), text.encoding(), text.partCount());
    }
}
