package com.ninebits.sms.domain.account;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/** What the operator does with accounts: open them, change their limits, issue and revoke tokens, add credit. */
public final class AccountAdministration {

    /** Upper bounds that keep a typo from becoming an outage or a fortune. */
    static final int MAX_RATE_LIMIT_MPS = 10_000;
    static final int MAX_DISPATCH_WINDOW = 100;
    static final int MAX_PARTS_LIMIT = 255;
    static final long MAX_CREDIT_STEP = 1_000_000_000L;
    static final int MAX_API_RATE_LIMIT = 10_000;

    private final AccountStore accounts;
    private final Credit credit;
    private final TokenStore tokens;
    private final Clock clock;

    public AccountAdministration(AccountStore accounts, Credit credit, TokenStore tokens, Clock clock) {
        this.accounts = accounts;
        this.credit = credit;
        this.tokens = tokens;
        this.clock = clock;
    }

    public record NewAccount(String name, String defaultCountry, Integer rateLimitMps, Integer dispatchWindow,
                             Integer maxParts, Long balance, Integer apiRateLimit) {

        public NewAccount(String name, String defaultCountry, Integer rateLimitMps, Integer dispatchWindow,
                          Integer maxParts, Long balance) {
            this(name, defaultCountry, rateLimitMps, dispatchWindow, maxParts, balance, null);
        }
    }

    /**
     * Limits to change, and the account's status; a null one is left as it is. {@code apiRateLimit}
     * is requests a second per token.
     */
    public record Limits(Integer rateLimitMps, Integer dispatchWindow, Integer maxParts, Integer apiRateLimit,
                         Account.Status status) {

        public Limits(Integer rateLimitMps, Integer dispatchWindow, Integer maxParts) {
            this(rateLimitMps, dispatchWindow, maxParts, null, null);
        }

        boolean none() {
            return rateLimitMps == null && dispatchWindow == null && maxParts == null && apiRateLimit == null && status == null;
        }
    }

    public record Opened(Account account, String apiToken, String tokenId) {
    }

    public Opened open(NewAccount request) {
        return open(request, new Validation());
    }

    /**
     * Opens an account. {@code earlier} holds what the caller already found wrong with the request
     * (a missing or mistyped field), so that one answer names every bad field; a field named there
     * is not judged again.
     */
    public Opened open(NewAccount request, Validation earlier) {
        Validation v = earlier;
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            addUnlessNamed(v, "name", "invalid", "name is required, 1 to 100 characters");
        }
        String country = request.defaultCountry() == null ? null : request.defaultCountry().strip().toUpperCase(Locale.ROOT);
        if (!PhoneNumbers.isSupportedCountry(country)) {
            addUnlessNamed(v, "default_country", "invalid_country", "default_country must be an ISO 3166-1 alpha-2 code such as NG");
        }
        Limits limits = new Limits(
                request.rateLimitMps() == null ? Account.DEFAULT_RATE_LIMIT_MPS : request.rateLimitMps(),
                request.dispatchWindow() == null ? Account.DEFAULT_DISPATCH_WINDOW : request.dispatchWindow(),
                request.maxParts() == null ? Account.DEFAULT_MAX_PARTS : request.maxParts(),
                request.apiRateLimit() == null ? Account.DEFAULT_API_RATE_LIMIT : request.apiRateLimit(), null);
        checkLimits(limits, v);
        long balance = request.balance() == null ? 0 : request.balance();
        if (balance < 0 || balance > MAX_CREDIT_STEP) {
            addUnlessNamed(v, "balance", "out_of_range", "balance must be 0 to " + MAX_CREDIT_STEP);
        }
        v.throwIfInvalid();
        Instant now = clock.instant();
        Account account = new Account("acc_" + Ids.random(16).toLowerCase(Locale.ROOT), name, country,
                limits.rateLimitMps(), limits.dispatchWindow(), limits.maxParts(), balance, now, Account.Status.ACTIVE,
                limits.apiRateLimit());
        accounts.create(account);
        ApiToken.Issued token = ApiToken.issue(account.id(), now);
        tokens.save(token.stored());
        return new Opened(account, token.token(), token.stored().tokenId());
    }

    /**
     * Changes the limits given (the others stay) and answers the account as it now is. A batch
     * already being dispatched goes on at the new limits from its next queue message on. A
     * suspension refuses the account's tokens at once on this instance (within the token cache's
     * time elsewhere) and holds its queued chunks in the dispatcher until it is active again.
     */
    public Account changeLimits(String accountId, Limits limits, Validation earlier) {
        checkLimits(limits, earlier);
        earlier.throwIfInvalid();
        if (limits.none()) {
            return requireAccount(accountId);
        }
        return accounts.changeLimits(accountId, limits).orElseThrow(() -> new DomainException.NotFound("account"));
    }

    /** Every limit given lies within its bounds. */
    private static void checkLimits(Limits limits, Validation v) {
        if (limits.rateLimitMps() != null && (limits.rateLimitMps() < 1 || limits.rateLimitMps() > MAX_RATE_LIMIT_MPS)) {
            addUnlessNamed(v, "rate_limit_mps", "out_of_range", "rate_limit_mps must be 1 to " + MAX_RATE_LIMIT_MPS);
        }
        if (limits.dispatchWindow() != null && (limits.dispatchWindow() < 1 || limits.dispatchWindow() > MAX_DISPATCH_WINDOW)) {
            addUnlessNamed(v, "dispatch_window", "out_of_range", "dispatch_window must be 1 to " + MAX_DISPATCH_WINDOW);
        }
        if (limits.maxParts() != null && (limits.maxParts() < 1 || limits.maxParts() > MAX_PARTS_LIMIT)) {
            addUnlessNamed(v, "max_parts", "out_of_range", "max_parts must be 1 to " + MAX_PARTS_LIMIT);
        }
        if (limits.apiRateLimit() != null && (limits.apiRateLimit() < 1 || limits.apiRateLimit() > MAX_API_RATE_LIMIT)) {
            addUnlessNamed(v, "api_rate_limit", "out_of_range", "api_rate_limit must be 1 to " + MAX_API_RATE_LIMIT);
        }
    }

    public record NewToken(String tokenId, String apiToken) {
    }

    public NewToken issueToken(String accountId) {
        requireAccount(accountId);
        ApiToken.Issued token = ApiToken.issue(accountId, clock.instant());
        tokens.save(token.stored());
        return new NewToken(token.stored().tokenId(), token.token());
    }

    public void revokeToken(String accountId, String tokenId) {
        requireAccount(accountId);
        if (!Ids.couldExist(tokenId) || !tokens.delete(accountId, tokenId)) {
            throw new DomainException.NotFound("token");
        }
    }

    public long credit(String accountId, Long amount) {
        // Compared both ways rather than with Math.abs, which leaves Long.MIN_VALUE negative.
        if (amount == null || amount == 0 || amount > MAX_CREDIT_STEP || amount < -MAX_CREDIT_STEP) {
            throw DomainException.Invalid.of("amount", "out_of_range",
                    "amount must be a non-zero whole number of credits, at most " + MAX_CREDIT_STEP + " either way");
        }
        requireAccount(accountId);
        if (amount < 0) {
            // A correction must not take the balance below zero: credit already reserved stays paid for.
            return credit.debitIfCovered(accountId, -amount)
                    .orElseThrow(() -> new DomainException.Conflict("insufficient_credit",
                            "the balance is lower than the correction"));
        }
        return credit.add(accountId, amount);
    }

    private static void addUnlessNamed(Validation v, String field, String code, String message) {
        if (v.errors().stream().noneMatch(e -> e.field().equals(field))) {
            v.add(field, code, message);
        }
    }

    public Account requireAccount(String accountId) {
        if (!Ids.couldExist(accountId)) {
            throw new DomainException.NotFound("account");
        }
        return accounts.find(accountId).orElseThrow(() -> new DomainException.NotFound("account"));
    }
}
