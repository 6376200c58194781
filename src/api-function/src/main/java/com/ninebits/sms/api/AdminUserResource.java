package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

/**
 * {@code POST /ng/v1/admin/accounts/{id}/users}: a person who signs in to the portal for the
 * account. Without {@code password}, the answer carries a one-time link to set the first one.
 */
@Path("/ng/v1/admin/accounts/{accountId}/users")
@Produces(MediaType.APPLICATION_JSON)
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
    public record UserView(String userId, String email, String accountId, String firstPasswordToken,
                           String firstPasswordUrl, String firstPasswordExpiresAt) {
    }

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
