package com.ninebits.sms.domain.access;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.account.Authentication;
import com.ninebits.sms.domain.error.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may make an API request with a bearer token, in the order that costs an attacker most and
 * a customer least: an address that failed too often is refused before its credential is looked
 * at (the operator's key too, {@link #admitOperator}); a bad token counts against its address; a suspended account's tokens are forbidden; and each
 * token has its request rate ({@link RequestAllowance}), so that one token's flood never slows
 * another's requests.
 */
public final class ApiAdmission {

    private final Authentication authentication;
    private final Standings standings;
    private final RequestAllowance allowance;
    private final FailedAuthentications failures;
    private final Clock clock;

    public ApiAdmission(Authentication authentication, Standings standings, RequestAllowance allowance,
                        FailedAuthentications failures, Clock clock) {
        this.authentication = authentication;
        this.standings = standings;
        this.allowance = allowance;
        this.failures = failures;
        this.clock = clock;
    }

    /**
     * The account of a request presenting {@code token} (null: none) from {@code address}; throws
     * {@link DomainException.TooManyRequests}, {@link DomainException.Unauthorized} or
     * {@link DomainException.Forbidden} ({@code account_suspended}) when it may not go on.
     */
    public String admit(String token, String address) {
        Instant now = clock.instant();
        Optional<Duration> blocked = failures.blocked(address, now);
        if (blocked.isPresent()) {
            throw tooMany("too many failed authentications from this address", blocked.get());
        }
        ApiToken.Stored stored;
        try {
            if (token == null) {
                throw new DomainException.Unauthorized("an Authorization: Bearer token is required");
            }
            stored = authentication.verify(token);
        } catch (DomainException.Unauthorized e) {
            failures.failed(address, now);
            throw e;
        }
        Account account = standings.of(stored.accountId())
                .orElseThrow(() -> new DomainException.Unauthorized("the bearer token is missing, unknown or revoked"));
        if (account.suspended()) {
            throw new DomainException.Forbidden("account_suspended", "the account is suspended");
        }
        Optional<Duration> wait = allowance.take(stored.tokenId(), account.apiRateLimit(), now);
        if (wait.isPresent()) {
            throw tooMany("the token's request rate (" + account.apiRateLimit() + "/s) is spent", wait.get());
        }
        return account.id();
    }

    /**
     * Admits an operator request whose key the caller compared ({@code keyMatches}): an address
     * that failed too often is refused first, and a wrong key counts against its address, as a
     * bad token does.
     */
    public void admitOperator(boolean keyMatches, String address) {
        Instant now = clock.instant();
        Optional<Duration> blocked = failures.blocked(address, now);
        if (blocked.isPresent()) {
            throw tooMany("too many failed authentications from this address", blocked.get());
        }
        if (!keyMatches) {
            failures.failed(address, now);
            throw new DomainException.Unauthorized("a valid X-Admin-Key is required");
        }
    }

    /** Retry-After in whole seconds, rounded up and at least one. */
    private static DomainException.TooManyRequests tooMany(String detail, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new DomainException.TooManyRequests(detail, (int) Math.min(seconds, Integer.MAX_VALUE));
    }
}
