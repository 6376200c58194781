package com.ninebits.sms.domain.portal;

import java.time.Instant;

/**
 * A person who signs in to the portal for one account. {@code passwordHash} is null until the
 * first password is set through a one-time link; the clear password is never kept.
 */
public record PortalUser(String userId, String accountId, String email, String passwordHash, int failedSignIns,
                         Instant lockedUntil, Instant createdAt) {

    /** Whether sign-ins are refused at {@code now} without looking at the password. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
