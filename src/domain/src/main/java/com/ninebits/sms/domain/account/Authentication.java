package com.ninebits.sms.domain.account;

import com.ninebits.sms.domain.error.DomainException;

/** Finds the account a bearer token belongs to. */
public final class Authentication {

    private final TokenStore tokens;

    public Authentication(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The account id of a valid token; {@link DomainException.Unauthorized} otherwise. */
    public String accountOf(String token) {
        return verify(token).accountId();
    }

    /** What is stored of a valid token (its id and account); {@link DomainException.Unauthorized} otherwise. */
    public ApiToken.Stored verify(String token) {
        return ApiToken.idOf(token)
                .flatMap(tokens::find)
                .filter(stored -> ApiToken.matches(token, stored))
                .orElseThrow(() -> new DomainException.Unauthorized("the bearer token is missing, unknown or revoked"));
    }
}
