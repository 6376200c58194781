package com.ninebits.sms.domain.portal;

import java.time.Instant;
import java.util.Optional;

/** Portal users, found by their (lower-cased) email, and their first-password links. */
public interface PortalUserStore {

    /** Stores a new user; false when the email is taken already (nothing written). */
    boolean create(PortalUser user);

    Optional<PortalUser> find(String email);

    /** Counts one more failed sign-in; the count as it now is. */
    int countFailedSignIn(String email);

    /** Refuses sign-ins until {@code until}, and starts the failure count again. */
    void lock(String email, Instant until);

    /** Forgets failed sign-ins and any lock. */
    void clearFailures(String email);

    void setPassword(String email, String passwordHash);

    void saveLink(FirstPasswordLink link);

    /**
     * Deletes the link if its token hash matches and it has not expired at {@code now}: the email
     * it was for, or empty (nothing deleted). Deleting is what makes it work once.
     */
    Optional<String> consumeLink(String linkId, String tokenHash, Instant now);
}
