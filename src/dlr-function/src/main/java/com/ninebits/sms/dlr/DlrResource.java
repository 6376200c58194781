package com.ninebits.sms.dlr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.http.ProblemResponses;
import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.batch.MessageState;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /ng/v1/dlr/{connector}}: where SMSCs report delivery. Kannel calls the
 * {@code dlr-url} the dispatcher gave it (query parameters); the generic connector posts JSON.
 * Each call is authenticated by its connector's secret, applied as one conditional status move,
 * and answered at once: callbacks to the customer are only queued here, and sent by another function.
 */
@Path("/ng/v1/dlr/{connector}")
@Produces(MediaType.APPLICATION_JSON)
public class DlrResource {

    private static final Logger LOG = Logger.getLogger(DlrResource.class);
    private static final int MAX_BODY = 16 * 1024;

    private final ReceiptApplication receipts;
    private final DlrConfig config;
    private final ObjectMapper json;

    public DlrResource(ReceiptApplication receipts, DlrConfig config, ObjectMapper json) {
        this.receipts = receipts;
        this.config = config;
        this.json = json;
    }

    @GET
    public Response kannelGet(@PathParam("connector") String connector, @QueryParam("secret") String secret,
                              @HeaderParam("X-DLR-Secret") String headerSecret, @QueryParam("message_id") String messageId,
                              @QueryParam("type") String type, @QueryParam("ts") String ts,
                              @QueryParam("reply") String reply, @QueryParam("smsc_id") String smscId) {
        return kannel(connector, secret != null ? secret : headerSecret, messageId, type, ts, reply, smscId);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("connector") String connector, @QueryParam("secret") String secret,
                         @HeaderParam("X-DLR-Secret") String headerSecret, @QueryParam("message_id") String messageId,
                         @QueryParam("type") String type, @QueryParam("ts") String ts,
                         @QueryParam("reply") String reply, @QueryParam("smsc_id") String smscId, byte[] body) {
        String presented = secret != null ? secret : headerSecret;
        if (connector.equals("kannel")) {
            return kannel(connector, presented, messageId, type, ts, reply, smscId);
        }
        if (!connector.equals("http")) {
            return problem(404, "not_found", "no such DLR connector");
        }
        if (!authentic(config.httpsecret(), presented)) {
            return unauthorized(connector);
        }
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            return problem(400, "invalid_request", "a JSON delivery report is required");
        }
        JsonNode report;
        try {
            report = json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return problem(400, "malformed_json", "the delivery report is not valid JSON");
        }
        if (report == null || !report.isObject()) {
            return problem(400, "invalid_request", "the delivery report must be a JSON object");
        }
        Optional<MessageState.Status> status = DlrStatuses.fromGeneric(text(report, "status"));
        if (status.isEmpty() || text(report, "message_id") == null) {
            return problem(400, "invalid_request", "message_id and a known status are required");
        }
        Optional<Instant> timestamp = DlrStatuses.timestamp(text(report, "timestamp"));
        return apply(new DeliveryReceipt(connector, text(report, "message_id"), status.get(),
                text(report, "smsc_message_id"), timestamp.orElse(null), text(report, "error_code")));
    }

    private Response kannel(String connector, String secret, String messageId, String type, String ts, String reply,
                            String smscId) {
        if (!connector.equals("kannel")) {
            return problem(404, "not_found", "no such DLR connector");
        }
        if (!authentic(config.kannelsecret(), secret)) {
            return unauthorized(connector);
        }
        Optional<MessageState.Status> status = DlrStatuses.fromKannelType(type);
        if (status.isEmpty() || messageId == null) {
            return problem(400, "invalid_request", "message_id and a Kannel report type are required");
        }
        String errorCode = status.get() == MessageState.Status.FAILED || status.get() == MessageState.Status.REJECTED
                ? DlrStatuses.errorCode(reply) : null;
        return apply(new DeliveryReceipt(connector, messageId, status.get(), blankToNull(smscId),
                DlrStatuses.timestamp(ts).orElse(null), errorCode));
    }

    private Response apply(DeliveryReceipt receipt) {
        ReceiptLedger.Applied applied;
        try {
            applied = receipts.apply(receipt);
        } catch (RuntimeException e) {
            // Store or callback queue down: the SMSC keeps the report and retries; applying it again is harmless.
            LOG.errorf("dlr connector=%s message=%s status=%s not applied: %s", receipt.connector(), receipt.messageId(),
                    receipt.status().wire(), e.toString());
            return Response.fromResponse(problem(503, "unavailable", "the report could not be stored; try again"))
                    .header("Retry-After", "5").build();
        }
        LOG.infof("dlr connector=%s message=%s status=%s applied=%s", receipt.connector(), receipt.messageId(),
                receipt.status().wire(), applied.name().toLowerCase(Locale.ROOT));
        return Response.accepted(Map.of("status", "accepted", "applied", applied.name().toLowerCase(Locale.ROOT))).build();
    }

    private static boolean authentic(Optional<String> expected, String presented) {
        return expected.filter(e -> !e.isBlank()).isPresent() && presented != null
                && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Response unauthorized(String connector) {
        LOG.warnf("dlr connector=%s refused: bad or missing secret", connector);
        return problem(401, "unauthorized", "the DLR secret is missing or wrong");
    }

    static Response problem(int status, String code, String detail) {
        Problem.Kind kind = KINDS.get(status);
        return ProblemResponses.of(new Problem(kind, code, kind.title(), detail, java.util.List.of(), null));
    }

    private static final Map<Integer, Problem.Kind> KINDS = Map.of(400, Problem.Kind.INVALID, 401, Problem.Kind.UNAUTHORIZED,
            404, Problem.Kind.NOT_FOUND, 503, Problem.Kind.UNAVAILABLE);

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
