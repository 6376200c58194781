package com.ninebits.sms.domain.account;

import java.util.Optional;

/** Stored API tokens (hashes only). */
public interface TokenStore {

    void save(ApiToken.Stored token);

    Optional<ApiToken.Stored> find(String tokenId);

    /** Deletes the token if it belongs to the account; false when there was no such token of it. */
    boolean delete(String accountId, String tokenId);
}
