package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.http.ProblemBody;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/** The operator API: open accounts and change their limits, issue and revoke tokens, add credit, decide sender IDs. */
@Path("/ng/v1/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator", description = "The operator's API, with X-Admin-Key")
@SecurityRequirement(name = ApiDescription.ADMIN_KEY)
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
    @Schema(requiredProperties = {"account_id", "api_token", "token_id", "name", "default_country", "rate_limit_mps",
            "dispatch_window", "max_parts", "balance", "api_rate_limit", "status"})
    public record Opened(String accountId, @Schema(description = "Shown once; stored only as a hash") String apiToken,
                         String tokenId, String name, String defaultCountry,
                         int rateLimitMps, int dispatchWindow, int maxParts, long balance,
                         @Schema(description = "Requests per second per API token") int apiRateLimit,
                         @Schema(enumeration = {"active", "suspended"}) String status) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"token_id", "api_token"})
    public record NewToken(String tokenId, @Schema(description = "Shown once; stored only as a hash") String apiToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"account_id", "balance"})
    public record Balance(String accountId, long balance) {
    }

    /** Described only: the bodies are read field by field, so that one answer names every bad field. */
    @Schema(name = "NewAccount", requiredProperties = {"name", "default_country"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewAccountRequest(String name, @Schema(examples = "NG") String defaultCountry,
                             @Schema(defaultValue = "10") Integer rateLimitMps, @Schema(defaultValue = "32") Integer dispatchWindow,
                             @Schema(defaultValue = "10") Integer maxParts, @Schema(defaultValue = "0") Long balance,
                             @Schema(defaultValue = "50", description = "Requests per second per API token") Integer apiRateLimit) {
    }

    @Schema(name = "LimitsChange", description = "The limits to change; the others stay")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LimitsRequest(Integer rateLimitMps, Integer dispatchWindow, Integer maxParts,
                         @Schema(description = "Requests per second per API token") Integer apiRateLimit,
                         @Schema(enumeration = {"active", "suspended"}, description = "`suspended`: its tokens get 403 "
                                 + "`account_suspended` and nothing of it is dispatched until it is `active` again")
                         String status) {
    }

    @Schema(name = "CreditRequest", requiredProperties = "amount")
    record CreditRequest(@Schema(description = "Whole credits to add; a negative amount is a correction, refused (409) "
            + "where it would take the balance below zero") long amount) {
    }

    @Schema(name = "SenderDecision", requiredProperties = "status")
    record SenderDecision(@Schema(description = "`approved` or `rejected` (in any case)", examples = "approved") String status) {
    }

    @Operation(operationId = "openAccount", summary = "Open an account", description = "Returns its first API token, shown once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewAccountRequest.class)))
    @APIResponse(responseCode = "201", description = "Opened",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Opened.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "Invalid (`required`, `invalid_type`, `out_of_range`, `invalid_country`, ...)")
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
    @Operation(operationId = "changeAccountLimits", summary = "Change an account's limits, or suspend it")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LimitsRequest.class)))
    @APIResponse(responseCode = "200", description = "The account after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResource.AccountView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "Invalid (`invalid_type`, `out_of_range`, `invalid_status`)")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
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

    @Operation(operationId = "issueToken", summary = "Issue an API token", description = "Shown once.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewToken.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @POST
    @Path("/{accountId}/tokens")
    public Response issueToken(@PathParam("accountId") String accountId) {
        AccountAdministration.NewToken token = administration.issueToken(accountId);
        return Response.status(Response.Status.CREATED).entity(new NewToken(token.tokenId(), token.apiToken())).build();
    }

    @Operation(operationId = "revokeToken", summary = "Revoke an API token", description = "Refused on its next request.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @DELETE
    @Path("/{accountId}/tokens/{tokenId}")
    public Response revokeToken(@PathParam("accountId") String accountId, @PathParam("tokenId") String tokenId) {
        administration.revokeToken(accountId, tokenId);
        return Response.noContent().build();
    }

    @Operation(operationId = "addCredit", summary = "Add credit to an account")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditRequest.class)))
    @APIResponse(responseCode = "200", description = "The new balance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Balance.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "A bad `amount` (`required`, `invalid_type`, `out_of_range`)")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "A correction larger than the balance (`insufficient_credit`)",
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = @ExampleObject(name = "insufficient_credit", value = "{\"type\": \"" + ApiDescription.TYPE
                            + "insufficient_credit\", \"title\": \"Conflict\", \"status\": 409, "
                            + "\"detail\": \"the balance is lower than the correction\", \"code\": \"insufficient_credit\"}")))
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

    @Operation(operationId = "decideSenderId", summary = "Approve or reject a sender ID")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SenderDecision.class)))
    @APIResponse(responseCode = "200", description = "The sender ID with its new status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SenderIdResource.SenderIdView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "A bad `status` (`required`, `invalid_status`) or sender ID")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
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
