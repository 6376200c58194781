package com.ninebits.sms.adapters.cache;

import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.account.TokenStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The tokens this function instance found recently, so that authenticating a request costs no
 * read. A token revoked through this instance is refused here at once; one revoked through another
 * instance may still be taken here for the cache's ttl. A token not found is never remembered,
 * so a token just issued works at once everywhere.
 */
public final class RecentTokens implements TokenStore {

    private final TokenStore store;
    private final Recent<String, ApiToken.Stored> recent;

    public RecentTokens(TokenStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.recent = new Recent<>(ttl, clock);
    }

    @Override
    public void save(ApiToken.Stored token) {
        store.save(token);
        recent.forget(token.tokenId());
    }

    @Override
    public Optional<ApiToken.Stored> find(String tokenId) {
        return recent.get(tokenId, () -> store.find(tokenId), stored -> true);
    }

    @Override
    public boolean delete(String accountId, String tokenId) {
        recent.forget(tokenId);
        try {
            return store.delete(accountId, tokenId);
        } finally {
            recent.forget(tokenId);
        }
    }
}
