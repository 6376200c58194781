package com.ninebits.sms.domain.portal;

import java.time.Instant;

/**
 * A signed-in browser: stored under the hash of the session id its cookie holds, so that a
 * leaked table holds no usable cookie. {@code csrfToken} goes into every form of the session.
 */
public record PortalSession(String idHash, String userId, String accountId, String email, String csrfToken,
                            Instant createdAt, Instant expiresAt) {
}
