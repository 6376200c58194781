package com.ninebits.sms.domain.portal;

import java.time.Instant;

/** A one-time link to set a first password: only the hash of its token is stored. */
public record FirstPasswordLink(String linkId, String email, String tokenHash, Instant expiresAt) {
}
