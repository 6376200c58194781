package com.ninebits.sms.domain.group;

import java.time.Instant;

/** A named list of recipients an account can address as one entry of {@code to}. */
public record Group(String accountId, String id, String name, long size, Instant createdAt) {

    public static final String ID_PREFIX = "grp_";

    public static boolean looksLikeId(String entry) {
        return entry != null && entry.startsWith(ID_PREFIX);
    }
}
