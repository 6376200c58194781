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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /ng/v1/settings/quiet-hours}: {@code GET} answers 404 while none is set. */
@Path("/ng/v1/settings/quiet-hours")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Opt-outs and quiet hours")
@SecurityRequirement(name = ApiDescription.BEARER)
public class QuietHoursResource {

    private static final int MAX_BODY = 8 * 1024;
    private static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

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
    @Schema(name = "QuietHours", requiredProperties = {"start", "end"},
            description = "In the recipient's own time zone; start included, end not; may cross midnight")
    public record QuietHoursView(@Schema(pattern = TIME, examples = "21:00") String start,
                                 @Schema(pattern = TIME, examples = "08:00") String end) {
        static QuietHoursView of(QuietHours h) {
            return new QuietHoursView(h.startText(), h.endText());
        }
    }

    /** Described only: the body is read field by field, so that one answer names every bad field. */
    @Schema(name = "QuietHoursRequest", requiredProperties = {"start", "end"})
    record QuietHoursRequest(@Schema(description = "HH:mm, 00:00 to 23:59", examples = "21:00") String start,
                             @Schema(description = "HH:mm, not the same as `start`", examples = "08:00") String end) {
    }

    @Operation(operationId = "setQuietHours", summary = "Set the quiet hours",
            description = "No message is submitted while it is quiet time for its recipient (for a number whose country "
                    + "spans several zones, while it is quiet in any); it waits, `queued` with `held_until`, and goes at "
                    + "the end of it. A batch sent with `quiet_hours: \"ignore\"` is never held.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursRequest.class)))
    @APIResponse(responseCode = "200", description = "The quiet hours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuietHoursView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `start` or `end` (`required`, `invalid_type`, `invalid_time`; `same_as_start` for `end`)")
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

    @Operation(operationId = "getQuietHours", summary = "Read the quiet hours")
    @APIResponse(responseCode = "200", description = "The quiet hours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuietHoursView.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND, description = "No quiet hours are set")
    @GET
    public QuietHoursView get() {
        return QuietHoursView.of(settings.get(caller.id()));
    }

    @Operation(operationId = "deleteQuietHours", summary = "Remove the quiet hours", description = "Also when none were set.")
    @APIResponse(responseCode = "204", description = "Removed")
    @DELETE
    public Response delete() {
        settings.clear(caller.id());
        return Response.noContent().build();
    }
}
