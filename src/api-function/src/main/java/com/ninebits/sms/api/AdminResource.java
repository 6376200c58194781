package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/** The operator API: open accounts and change their limits, issue and revoke tokens, add credit, decide sender IDs. */
@Path("/ng/v1/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final int MAX_BODY = 8 * 1024;

    private final AccountAdministration administration;
    private final SenderIdRegistry senderIds;
    private final ObjectMapper mapper;

    public AdminResource(AccountAdministration administration, SenderIdRegistry senderIds, ObjectMapper mapper) {
        this.administration = administration;
        this.senderIds = senderIds;
        this.mapper = mapper;
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Opened(String accountId, String apiToken, String tokenId, String name, String defaultCountry,
                         int rateLimitMps, int dispatchWindow, int maxParts, long balance, int apiRateLimit, String status) {
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NewToken(String tokenId, String apiToken) {
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Balance(String accountId, long balance) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response open(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        var newAccount = new AccountAdministration.NewAccount(
                request.text("name", true), request.text("default_country", true),
                request.smallWhole("rate_limit_mps"), request.smallWhole("dispatch_window"), request.smallWhole("max_parts"),
                request.whole("balance"), request.smallWhole("api_rate_limit"));
        // The use case adds its own findings to the missing and mistyped fields, so one answer names them all.
        AccountAdministration.Opened opened = administration.open(newAccount, request.validation());
        var a = opened.account();
        return Response.status(Response.Status.CREATED)
                .entity(new Opened(a.id(), opened.apiToken(), opened.tokenId(), a.name(), a.defaultCountry(),
                        a.rateLimitMps(), a.dispatchWindow(), a.maxParts(), a.balance(), a.apiRateLimit(), a.status().word()))
                .build();
    }

    /**
     * Changes what the body names ({@code rate_limit_mps}, {@code dispatch_window},
     * {@code max_parts}, {@code api_rate_limit}, {@code status}); the others stay.
     */
    @PATCH
    @Path("/{accountId}")
    @Consumes(MediaType.WILDCARD)
    public AccountResource.AccountView changeLimits(@PathParam("accountId") String accountId, byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        var limits = new AccountAdministration.Limits(request.smallWhole("rate_limit_mps"),
                request.smallWhole("dispatch_window"), request.smallWhole("max_parts"), request.smallWhole("api_rate_limit"),
                status(request));
        return AccountResource.AccountView.of(administration.changeLimits(accountId, limits, request.validation()));
    }

    /** {@code "active"} or {@code "suspended"}; null when the body names no status (or a wrong one, which it records). */
    private static Account.Status status(JsonRequest request) {
        String word = request.text("status", false);
        if (word == null) {
            return null;
        }
        for (Account.Status status : Account.Status.values()) {
            if (status.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        request.validation().add("status", "invalid_status", "status must be \"active\" or \"suspended\"");
        return null;
    }

    @POST
    @Path("/{accountId}/tokens")
    public Response issueToken(@PathParam("accountId") String accountId) {
        AccountAdministration.NewToken token = administration.issueToken(accountId);
        return Response.status(Response.Status.CREATED).entity(new NewToken(token.tokenId(), token.apiToken())).build();
    }

    @DELETE
    @Path("/{accountId}/tokens/{tokenId}")
    public Response revokeToken(@PathParam("accountId") String accountId, @PathParam("tokenId") String tokenId) {
        administration.revokeToken(accountId, tokenId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{accountId}/credit")
    @Consumes(MediaType.WILDCARD)
    public Balance credit(@PathParam("accountId") String accountId, byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        Long amount = request.whole("amount");
        if (amount == null && request.validation().ok()) {
            request.validation().add("amount", "required", "amount is required");
        }
        request.validation().throwIfInvalid();
        return new Balance(accountId, administration.credit(accountId, amount));
    }

    @PUT
    @Path("/{accountId}/sender-ids/{senderId}")
    @Consumes(MediaType.WILDCARD)
    public SenderIdResource.SenderIdView decideSender(@PathParam("accountId") String accountId,
                                                      @PathParam("senderId") String senderId, byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String status = request.text("status", true);
        request.validation().throwIfInvalid();
        SenderId.Status decided = switch (status.toLowerCase(Locale.ROOT)) {
            case "approved" -> SenderId.Status.APPROVED;
            case "rejected" -> SenderId.Status.REJECTED;
            default -> throw DomainException.Invalid.of("status", "invalid_status", "status must be \"approved\" or \"rejected\"");
        };
        administration.requireAccount(accountId);
        return SenderIdResource.SenderIdView.of(senderIds.decide(accountId, senderId, decided));
    }
}
