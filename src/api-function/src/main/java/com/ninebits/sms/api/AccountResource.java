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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/ng/v1/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account", description = "The account, its settings, sender IDs and groups")
@SecurityRequirement(name = ApiDescription.BEARER)
public class AccountResource {

    private final AccountAdministration accounts;
    private final RequestAccount caller;

    public AccountResource(AccountAdministration accounts, RequestAccount caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"account_id", "name", "balance", "default_country", "rate_limit_mps", "dispatch_window",
            "max_parts", "api_rate_limit", "status"})
    public record AccountView(String accountId, String name,
                              @Schema(description = "Credits: one per message part") long balance,
                              @Schema(description = "ISO 3166 region for national numbers", examples = "NG") String defaultCountry,
                              @Schema(description = "Message parts per second") int rateLimitMps,
                              @Schema(description = "Messages that may await the SMSC's answer at once") int dispatchWindow,
                              @Schema(description = "The most parts one message may have") int maxParts,
                              @Schema(description = "Requests per second per API token") int apiRateLimit,
                              @Schema(enumeration = {"active", "suspended"}) String status) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.name(), a.balance(), a.defaultCountry(), a.rateLimitMps(), a.dispatchWindow(),
                    a.maxParts(), a.apiRateLimit(), a.status().word());
        }
    }

    @Operation(operationId = "getAccount", summary = "Read the account")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @GET
    public AccountView get() {
        return AccountView.of(accounts.requireAccount(caller.id()));
    }
}
