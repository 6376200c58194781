package com.ninebits.sms.adapters.smsc.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.smsc.SmscAnswers;
import com.ninebits.sms.adapters.smsc.SmscConfig;
import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Submits to a generic JSON SMSC: {@code POST {<to>, <from>, <text>, "reference": <message id>}}
 * with a credentials header, the field names configurable; the answer's {@code <id>} field is the
 * SMSC's message id. The SMSC is expected to concatenate long texts itself.
 */
public final class HttpSmsc implements Smsc, AutoCloseable {

    /** The JSON field names the SMSC uses. */
    public record Fields(String to, String from, String text, String id) {
    }

    private static final Logger LOG = Logger.getLogger(HttpSmsc.class);

    private final HttpSmscClient client;
    private final Fields fields;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public HttpSmsc(SmscConfig config) {
        this(URI.create(config.url().orElseThrow(() -> new IllegalStateException(
                        "the http SMSC connector needs sms.smsc.url (env SMS_SMSC_URL)"))),
                config.authheader(), config.authvalue(),
                new Fields(config.tofield(), config.fromfield(), config.textfield(), config.idfield()),
                Duration.ofMillis(config.connecttimeoutms()), Duration.ofMillis(config.readtimeoutms()),
                Clock.systemUTC());
    }

    /** @param authValue sent as header {@code authHeader} on every request; empty: no credentials are sent */
    public HttpSmsc(URI url, String authHeader, Optional<String> authValue, Fields fields,
            Duration connectTimeout, Duration readTimeout, Clock clock) {
        QuarkusRestClientBuilder builder = SmscAnswers.client(url, connectTimeout, readTimeout);
        Optional<String> credentials = authValue.filter(v -> !v.isBlank());
        if (credentials.isPresent()) {
            // The header's name is configuration, which no @HeaderParam can name.
            builder.register((ClientRequestFilter) request -> request.getHeaders().putSingle(authHeader, credentials.get()));
        }
        this.client = builder.build(HttpSmscClient.class);
        this.fields = fields;
        this.clock = clock;
    }

    @Override
    public SubmitResult submit(Submission submission) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put(fields.to(), submission.to().startsWith("+") ? submission.to() : "+" + submission.to());
        message.put(fields.from(), submission.from());
        message.put(fields.text(), submission.body());
        message.put("reference", submission.messageId());
        try (Response answer = client.submit(message)) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
            SubmitResult result = SmscAnswers.of(answer.getStatus(), body, answer.getHeaderString(HttpHeaders.RETRY_AFTER),
                    () -> smscMessageId(body, submission), clock.instant());
            if (!(result instanceof SubmitResult.Accepted)) {
                LOG.infof("SMSC did not take message=%s account=%s: %s", submission.messageId(), submission.accountId(), result);
            }
            return result;
        } catch (ProcessingException e) {
            LOG.infof("SMSC unreachable for message=%s account=%s: %s", submission.messageId(), submission.accountId(), e.getMessage());
            return SmscAnswers.unreachable(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * The SMSC's id for a message it took. If the answer names none, the message is still taken
     * (sending it again would send it twice): it goes by our reference, which the SMSC was given.
     */
    private String smscMessageId(String body, Submission submission) {
        try {
            JsonNode id = body.isBlank() ? null : json.readTree(body).get(fields.id());
            if (id != null && id.isValueNode() && !id.asText().isEmpty()) {
                return id.asText();
            }
        } catch (JsonProcessingException e) {
            // Falls through: a 2xx whose body is not JSON still means taken.
        }
        LOG.warnf("SMSC took message=%s account=%s but its answer has no \"%s\"; using our reference",
                submission.messageId(), submission.accountId(), fields.id());
        return submission.messageId();
    }
}
