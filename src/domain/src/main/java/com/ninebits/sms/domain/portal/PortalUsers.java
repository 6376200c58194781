package com.ninebits.sms.domain.portal;

import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The people of an account who use the portal: the operator adds them (with a password, or with a
 * one-time link to set the first one), and they set their first password through that link.
 */
public final class PortalUsers {

    public static final Duration LINK_LIFETIME = Duration.ofHours(24);
    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD = 256;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final AccountStore accounts;
    private final PortalUserStore users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public PortalUsers(AccountStore accounts, PortalUserStore users, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** The new user, and the token of its first-password link when no password was given. */
    public record Created(PortalUser user, Optional<String> linkToken, Optional<Instant> linkExpiresAt) {
    }

    public Created create(String accountId, String email, String password, Validation earlier) {
        String normalised = normaliseEmail(email);
        if (normalised == null && earlier.errors().stream().noneMatch(e -> e.field().equals("email"))) {
            earlier.add("email", "invalid_email", "email must be an address such as ada@example.com");
        }
        if (password != null) {
            checkPassword(password, earlier);
        }
        earlier.throwIfInvalid();
        if (!Ids.couldExist(accountId) || accounts.find(accountId).isEmpty()) {
            throw new DomainException.NotFound("account");
        }
        Instant now = clock.instant();
        PortalUser user = new PortalUser("usr_" + Ids.random(16).toLowerCase(Locale.ROOT), accountId, normalised,
                password == null ? null : hasher.hash(password), 0, null, now);
        if (!users.create(user)) {
            throw new DomainException.Conflict("email_taken", "a portal user with this email exists already");
        }
        if (password != null) {
            return new Created(user, Optional.empty(), Optional.empty());
        }
        String linkId = Ids.random(16).toLowerCase(Locale.ROOT);
        String token = linkId + "." + Secrets.random();
        Instant expires = now.plus(LINK_LIFETIME);
        users.saveLink(new FirstPasswordLink(linkId, normalised, Secrets.sha256(token), expires));
        return new Created(user, Optional.of(token), Optional.of(expires));
    }

    /**
     * Sets the first password through a link's token. The password is judged first, so that a
     * password too short does not use up the link.
     */
    public void setFirstPassword(String token, String password) {
        Validation v = new Validation();
        checkPassword(password, v);
        v.throwIfInvalid();
        int dot = token == null ? -1 : token.indexOf('.');
        String linkId = dot > 0 ? token.substring(0, dot) : null;
        Optional<String> email = Ids.couldExist(linkId)
                ? users.consumeLink(linkId, Secrets.sha256(token), clock.instant())
                : Optional.empty();
        String owner = email.orElseThrow(() -> DomainException.Invalid.of("token", "invalid_link",
                "this link is unknown, used already or expired: ask your operator for a new one"));
        users.setPassword(owner, hasher.hash(password));
    }

    /**
     * Makes sure the user exists with this password (local runs' demo user): created when absent,
     * its password set again when present.
     */
    public void ensure(String accountId, String email, String password) {
        try {
            create(accountId, email, password, new Validation());
        } catch (DomainException.Conflict exists) {
            users.setPassword(normaliseEmail(email), hasher.hash(password));
        }
    }

    /** The email as users are filed under it (lower case), or null when it is not an address. */
    public static String normaliseEmail(String email) {
        if (email == null) {
            return null;
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        return e.length() <= 254 && EMAIL.matcher(e).matches() ? e : null;
    }

    static void checkPassword(String password, Validation v) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            v.add("password", "invalid_password", "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
