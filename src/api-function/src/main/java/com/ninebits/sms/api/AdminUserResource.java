package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.portal.PortalUsers;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /ng/v1/admin/accounts/{id}/users}: a person who signs in to the portal for the
 * account. Without {@code password}, the answer carries a one-time link to set the first one.
 */
@Path("/ng/v1/admin/accounts/{accountId}/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator", description = "The operator's API, with X-Admin-Key")
@SecurityRequirement(name = ApiDescription.ADMIN_KEY)
public class AdminUserResource {

    private static final int MAX_BODY = 4 * 1024;

    private final PortalUsers users;
    private final ObjectMapper mapper;

    public AdminUserResource(PortalUsers users, ObjectMapper mapper) {
        this.users = users;
        this.mapper = mapper;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PortalUser", requiredProperties = {"user_id", "email", "account_id"})
    public record UserView(@Schema(examples = "usr_0123456789abcdef") String userId,
                           @Schema(description = "As stored: trimmed and in lower case", examples = "ada@example.com") String email,
                           String accountId,
                           @Schema(description = "Only without `password`: the one-time token of the first-password link")
                           String firstPasswordToken,
                           @Schema(description = "Only without `password`: the portal page that sets the first password",
                                   examples = "/portal/first-password?token=…") String firstPasswordUrl,
                           @Schema(format = "date-time", description = "Only without `password`: when the link stops working")
                           String firstPasswordExpiresAt) {
    }

    /** Described only: the body is read field by field, so that one answer names every bad field. */
    @Schema(name = "NewPortalUser", requiredProperties = "email")
    record NewUserRequest(@Schema(examples = "ada@example.com") String email,
                          @Schema(description = "Without it, the answer carries a one-time link to set the first one")
                          String password) {
    }

    @Operation(operationId = "addPortalUser", summary = "Add a portal user to an account",
            description = "A person who signs in to the portal for the account. Without `password`, the answer carries "
                    + "a one-time link to set the first one.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewUserRequest.class)))
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `email` (`required`, `invalid_type`, `invalid_email`) or `password` (`invalid_type`, `invalid_password`)")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND, description = "No such account")
    @APIResponse(responseCode = "409", description = "A portal user with this email exists already (`email_taken`)",
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = @ExampleObject(name = "email_taken", value = "{\"type\": \"" + ApiDescription.TYPE
                            + "email_taken\", \"title\": \"Conflict\", \"status\": 409, "
                            + "\"detail\": \"a portal user with this email exists already\", \"code\": \"email_taken\"}")))

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@PathParam("accountId") String accountId, byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String email = request.text("email", true);
        String password = request.text("password", false);
        PortalUsers.Created created = users.create(accountId, email, password, request.validation());
        String token = created.linkToken().orElse(null);
        return Response.status(Response.Status.CREATED)
                .entity(new UserView(created.user().userId(), created.user().email(), accountId, token,
                        token == null ? null : "/portal/first-password?token=" + token,
                        created.linkExpiresAt().map(Timestamps::out).orElse(null)))
                .build();
    }
}
