package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchListing;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.sender.SenderId;
import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the templates show, in the API's words (its field names and wire values). */
final class Views {

    private Views() {
    }

    @TemplateData
    record AccountLine(String accountId, String name, long balance, String defaultCountry, int maxParts) {
        static AccountLine of(Account a) {
            return new AccountLine(a.id(), a.name(), a.balance(), a.defaultCountry(), a.maxParts());
        }
    }

    @TemplateData
    record BatchLine(String referenceId, String status, String from, String body, String encoding, int parts,
                     String deliveryReport, String createdAt, String sendAt, String expireAt, int recipientsTotal,
                     int rejected, long cost) {
        static BatchLine of(Batch b, String status) {
            return new BatchLine(b.referenceId(), status, b.from(), b.body(), b.encoding().name(), b.parts(),
                    b.deliveryReport() ? "yes" : "none", out(b.createdAt()), out(b.sendAt()), out(b.expireAt()),
                    b.recipients().size(), b.rejected().size(), b.cost());
        }
    }

    @TemplateData
    record SenderLine(String senderId, String status, String createdAt, String updatedAt) {
        static SenderLine of(SenderId s) {
            return new SenderLine(s.senderId(), s.status().wire(), out(s.createdAt()), out(s.updatedAt()));
        }
    }

    @TemplateData
    record GroupLine(String groupId, String name, long size, String createdAt) {
        static GroupLine of(Group g) {
            return new GroupLine(g.id(), g.name(), g.size(), out(g.createdAt()));
        }
    }

    @TemplateData
    record GroupChoice(String groupId, String name, long size, boolean picked) {
    }

    @TemplateData
    record RecipientLine(String to, String status, int parts, String smscMessageId, String updatedAt, String errorCode) {
        static RecipientLine of(MessageState m) {
            return new RecipientLine(m.to(), m.status().wire(), m.parts(), m.smscMessageId(), out(m.updatedAt()), m.errorCode());
        }
    }

    @TemplateData
    record CountLine(String status, int count) {
    }

    /** A batch of the list: its status and the counts of its messages (statuses with none left out). */
    @TemplateData
    record ListedLine(String referenceId, String status, String from, String createdAt, String sendAt,
                      int recipientsTotal, int parts, List<CountLine> counts) {
        static ListedLine of(BatchListing.Listed l) {
            BatchStore.Listed b = l.batch();
            List<CountLine> counts = new ArrayList<>();
            l.counts().forEach((s, n) -> {
                if (n > 0) {
                    counts.add(new CountLine(s.wire(), n));
                }
            });
            return new ListedLine(b.referenceId(), l.status(), b.from(), out(b.createdAt()), out(b.sendAt()),
                    b.recipientsTotal(), b.parts(), counts);
        }
    }

    /** A move of one recipient's message, as the delivery-report view tells it. */
    @TemplateData
    record ChangeLine(String status, String at, String smscTimestamp, String errorCode) {
        static ChangeLine of(StatusChange c) {
            return new ChangeLine(c.status().wire(), out(c.at()), out(c.smscTimestamp()), c.errorCode());
        }
    }

    @TemplateData
    record OptOutLine(String number, String addedAt) {
    }

    @TemplateData
    record FailedLine(String eventId, String referenceId, String to, String status, int attempts, String lastError,
                      String failedAt) {
    }

    @TemplateData
    record BadLine(int line, String text, String reason) {
    }

    static String out(Instant at) {
        return at == null ? "" : Timestamps.out(at);
    }
}
