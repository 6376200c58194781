package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;

/** DynamoDB table names, set by the SAM template (env {@code SMS_TABLE_*}). */
@ConfigMapping(prefix = "sms.table")
public interface TableConfig {

    /** Accounts, tokens, sender IDs, groups and members, the dispatch limiter. */
    String accounts();

    /** Batches (also the idempotency records), recipient chunks, the schedule. */
    String batches();

    /** Per-message status and history. */
    String messages();
}
