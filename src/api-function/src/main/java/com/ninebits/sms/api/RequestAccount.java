package com.ninebits.sms.api;

import jakarta.enterprise.context.RequestScoped;

/** The account the current request's bearer token belongs to, set by {@link AccessFilter}. */
@RequestScoped
public class RequestAccount {

    private String accountId;

    void set(String accountId) {
        this.accountId = accountId;
    }

    public String id() {
        if (accountId == null) {
            throw new IllegalStateException("no authenticated account on this request");
        }
        return accountId;
    }
}
