package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.quiet.QuietHours;
import com.ninebits.sms.domain.quiet.QuietHoursSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /ng/v1/settings/quiet-hours}: {@code GET} answers 404 while none is set. */
@Path("/ng/v1/settings/quiet-hours")
@Produces(MediaType.APPLICATION_JSON)
public class QuietHoursResource {

    private static final int MAX_BODY = 8 * 1024;

    private final QuietHoursSettings settings;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public QuietHoursResource(QuietHoursSettings settings, RequestAccount caller, ObjectMapper mapper) {
        this.settings = settings;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QuietHoursView(String start, String end) {
        static QuietHoursView of(QuietHours h) {
            return new QuietHoursView(h.startText(), h.endText());
        }
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public QuietHoursView set(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String start = request.text("start", false);
        String end = request.text("end", false);
        // A mistyped field is named by the reader; a missing one by the rule, with the format it wants.
        request.validation().throwIfInvalid();
        return QuietHoursView.of(settings.set(caller.id(), start, end));
    }

    @GET
    public QuietHoursView get() {
        return QuietHoursView.of(settings.get(caller.id()));
    }

    @DELETE
    public Response delete() {
        settings.clear(caller.id());
        return Response.noContent().build();
    }
}
