package com.ninebits.sms.domain.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in to the portal and out again: sessions last 12 hours and can be revoked; five wrong
 * passwords in a row lock the user for 15 minutes, during which even the right one is refused.
 */
public final class PortalSessions {

    public static final Duration LIFETIME = Duration.ofHours(12);
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    private final PortalUserStore users;
    private final PortalSessionStore sessions;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Hashed once, so that an unknown email costs as long as a known one. */
    private final String decoy;

    public PortalSessions(PortalUserStore users, PortalSessionStore sessions, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.clock = clock;
        this.decoy = hasher.hash(Secrets.random());
    }

    /** What a sign-in comes to. */
    public sealed interface SignIn permits SignedIn, Refused, Locked {
    }

    /** {@code sessionId} goes into the cookie; only its hash is stored. */
    public record SignedIn(String sessionId, PortalSession session) implements SignIn {
    }

    /** Unknown email, no password set yet, or a wrong password: the same answer for all three. */
    public record Refused() implements SignIn {
    }

    public record Locked(Instant until) implements SignIn {
    }

    public SignIn signIn(String email, String password) {
        String normalised = PortalUsers.normaliseEmail(email);
        Optional<PortalUser> found = normalised == null ? Optional.empty() : users.find(normalised);
        Instant now = clock.instant();
        if (found.isEmpty() || found.get().passwordHash() == null) {
            hasher.matches(password == null ? "" : password, decoy);
            return new Refused();
        }
        PortalUser user = found.get();
        if (user.lockedAt(now)) {
            return new Locked(user.lockedUntil());
        }
        if (password != null && hasher.matches(password, user.passwordHash())) {
            if (user.failedSignIns() > 0 || user.lockedUntil() != null) {
                users.clearFailures(user.email());
            }
            return open(user, now);
        }
        if (users.countFailedSignIn(user.email()) >= MAX_FAILURES) {
            Instant until = now.plus(LOCK);
            users.lock(user.email(), until);
            return new Locked(until);
        }
        return new Refused();
    }

    private SignedIn open(PortalUser user, Instant now) {
        String id = Secrets.random();
        PortalSession session = new PortalSession(Secrets.sha256(id), user.userId(), user.accountId(), user.email(),
                Secrets.random(), now, now.plus(LIFETIME));
        sessions.save(session);
        return new SignedIn(id, session);
    }

    /** The live session a cookie names: empty when unknown, revoked or expired. */
    public Optional<PortalSession> current(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.find(Secrets.sha256(sessionId)).filter(s -> now.isBefore(s.expiresAt()));
    }

    /** Revokes the session: its cookie is refused from the next request on. */
    public void signOut(String sessionId) {
        if (sessionId != null && !sessionId.isBlank() && sessionId.length() <= 100) {
            sessions.delete(Secrets.sha256(sessionId));
        }
    }

    /** Whether a form's token is its session's, compared in constant time. */
    public static boolean formTokenMatches(PortalSession session, String presented) {
        return Secrets.sameText(session.csrfToken(), presented);
    }
}
