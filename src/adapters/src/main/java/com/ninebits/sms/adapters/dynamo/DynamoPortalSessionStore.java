package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.portal.PortalSession;
import com.ninebits.sms.domain.portal.PortalSessionStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Portal sessions ({@code PSESSION#hash / SESSION}) in the accounts table. TTL removes them some
 * time after they expire; until then the expiry is checked on every read (and dynalite has no TTL).
 */
@ApplicationScoped
public class DynamoPortalSessionStore implements PortalSessionStore {

    private final Table accounts;

    public DynamoPortalSessionStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public void save(PortalSession s) {
        accounts.put(Item.at(Keys.portalSession(s.idHash()))
                .put("user_id", s.userId())
                .put("account_id", s.accountId())
                .put("email", s.email())
                .put("csrf_token", s.csrfToken())
                .put("created_at", s.createdAt())
                .put("expires_at", s.expiresAt())
                .put("expires_at_epoch", s.expiresAt().getEpochSecond()));
    }

    /** Read consistently, so that a session signed out on one instance is refused on every other at once. */
    @Override
    public Optional<PortalSession> find(String idHash) {
        return accounts.getConsistent(Keys.portalSession(idHash)).map(item -> new PortalSession(idHash,
                Item.string(item, "user_id"), Item.string(item, "account_id"), Item.string(item, "email"),
                Item.string(item, "csrf_token"), Item.instant(item, "created_at"), Item.instant(item, "expires_at")));
    }

    @Override
    public void delete(String idHash) {
        accounts.delete(Keys.portalSession(idHash));
    }
}
