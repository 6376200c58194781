package com.ninebits.sms.api;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/ng/v1/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountAdministration accounts;
    private final RequestAccount caller;

    public AccountResource(AccountAdministration accounts, RequestAccount caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccountView(String accountId, String name, long balance, String defaultCountry, int rateLimitMps,
                              int dispatchWindow, int maxParts, int apiRateLimit, String status) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.name(), a.balance(), a.defaultCountry(), a.rateLimitMps(), a.dispatchWindow(),
                    a.maxParts(), a.apiRateLimit(), a.status().word());
        }
    }

    @GET
    public AccountView get() {
        return AccountView.of(accounts.requireAccount(caller.id()));
    }
}
