package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/ng/v1/sender-ids")
@Produces(MediaType.APPLICATION_JSON)
public class SenderIdResource {

    private static final int MAX_BODY = 4 * 1024;

    private final SenderIdRegistry registry;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public SenderIdResource(SenderIdRegistry registry, RequestAccount caller, ObjectMapper mapper) {
        this.registry = registry;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SenderIdView(String senderId, String status, String createdAt, String updatedAt) {
        static SenderIdView of(SenderId s) {
            return new SenderIdView(s.senderId(), s.status().wire(), Timestamps.out(s.createdAt()), Timestamps.out(s.updatedAt()));
        }
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SenderIdList(List<SenderIdView> senderIds) {
    }

    @GET
    public SenderIdList list() {
        return new SenderIdList(registry.list(caller.id()).stream().map(SenderIdView::of).toList());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response request(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String senderId = request.text("sender_id", true);
        request.validation().throwIfInvalid();
        return Response.status(Response.Status.CREATED)
                .entity(SenderIdView.of(registry.request(caller.id(), senderId)))
                .build();
    }
}
