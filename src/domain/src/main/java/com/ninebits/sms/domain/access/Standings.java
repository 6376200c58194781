package com.ninebits.sms.domain.access;

import com.ninebits.sms.domain.account.Account;

import java.util.Optional;

/**
 * Accounts as admitting a request needs them: their status and request rate. An implementation may
 * keep what it read for a while (the token cache's ttl), but must forget an account the moment it
 * changes through the same instance.
 */
public interface Standings {

    Optional<Account> of(String accountId);
}
