package com.ninebits.sms.dlr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.smsc.SmscReports;
import com.ninebits.sms.adapters.smsc.http.HttpReports;
import com.ninebits.sms.adapters.smsc.kannel.KannelReports;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import com.ninebits.sms.domain.telemetry.Telemetry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET|POST /ng/v1/dlr/{connector}}: where SMSCs report delivery. Kannel calls the
 * {@code dlr-url} the dispatcher gave it (query parameters, read by {@link KannelReports}); the
 * generic connector posts JSON ({@link HttpReports}). Each report is applied as one conditional
 * status move and answered at once: callbacks to the customer are only queued here, and sent by
 * another function. Failures are thrown, and {@link ProblemMappers} answers them.
 */
@Path("/ng/v1/dlr/{connector}")
@Produces(MediaType.APPLICATION_JSON)
public class DlrResource {

    private static final Logger LOG = Logger.getLogger(DlrResource.class);
    /** How long an SMSC should wait before sending again a report that could not be stored. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final ReceiptApplication receipts;
    private final KannelReports kannel;
    private final HttpReports http;
    private final Telemetry telemetry;
    private final Clock clock;

    public DlrResource(ReceiptApplication receipts, DlrConfig config, ObjectMapper json, Telemetry telemetry, Clock clock) {
        this.telemetry = telemetry;
        this.clock = clock;
        this.receipts = receipts;
        this.kannel = new KannelReports(config.kannelsecret());
        this.http = new HttpReports(config.httpsecret(), json);
    }

    @GET
    public Response get(@PathParam("connector") String connector, @Context UriInfo uri,
                        @HeaderParam(SmscReports.SECRET_HEADER) String headerSecret) {
        if (!connector.equals(KannelReports.CONNECTOR)) {
            throw unknown();
        }
        return apply(kannel.read(uri.getQueryParameters(), headerSecret));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("connector") String connector, @Context UriInfo uri,
                         @HeaderParam(SmscReports.SECRET_HEADER) String headerSecret, byte[] body)
            throws JsonProcessingException {
        return apply(switch (connector) {
            case KannelReports.CONNECTOR -> kannel.read(uri.getQueryParameters(), headerSecret);
            case HttpReports.CONNECTOR -> http.read(uri.getQueryParameters(), headerSecret, body);
            default -> throw unknown();
        });
    }

    Response apply(DeliveryReceipt receipt) {
        ReceiptLedger.Applied applied;
        try {
            applied = receipts.apply(receipt);
        } catch (RuntimeException e) {
            // Store or callback queue down: the SMSC keeps the report and retries; applying it again is harmless.
            LOG.errorf("dlr connector=%s message=%s status=%s not applied: %s", receipt.connector(), receipt.messageId(),
                    receipt.status().wire(), e.toString());
            throw new DomainException.Unavailable("unavailable", "the report could not be stored; try again",
                    RETRY_AFTER_SECONDS);
        }
        String outcome = applied.name().toLowerCase(Locale.ROOT);
        LOG.infof("dlr connector=%s message=%s status=%s applied=%s", receipt.connector(), receipt.messageId(),
                receipt.status().wire(), outcome);
        measure(receipt, applied, outcome);
        return Response.accepted(Map.of("status", "accepted", "applied", outcome)).build();
    }

    /** A report's lag, and the final (or unknown) status it moved a message to, by the SMSC's error code. */
    private void measure(DeliveryReceipt receipt, ReceiptLedger.Applied applied, String outcome) {
        Duration lag = receipt.smscTimestamp() == null ? null : Duration.between(receipt.smscTimestamp(), clock.instant());
        telemetry.receiptApplied(receipt.connector(), receipt.status(), outcome, lag);
        if (applied == ReceiptLedger.Applied.MOVED
                && (receipt.status().isFinal() || receipt.status() == MessageState.Status.UNKNOWN)) {
            String account = MessageKey.parse(receipt.messageId()).map(MessageKey::accountId).orElse(null);
            telemetry.messageEnded(account, receipt.status(), receipt.errorCode());
        }
    }

    private static DomainException unknown() {
        return new DomainException.NotFound("DLR connector");
    }
}
