package com.ninebits.sms.adapters.smsc;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import com.ninebits.sms.adapters.http.RetryAfter;
import com.ninebits.sms.domain.dispatch.SubmitResult;

/** What an HTTP answer from an SMSC, or the want of one, means for a submission: one rule for every connector. */
public final class SmscAnswers {

    /** How long to hold off after a busy or failing SMSC that did not say. */
    static final Duration BUSY = Duration.ofSeconds(2);
    /** How long to hold off after the SMSC could not be reached or did not answer in time. */
    static final Duration UNREACHABLE = Duration.ofSeconds(5);
    static final Duration LONGEST = RetryAfter.LONGEST;
    /**
     * Seconds a kept-alive connection to an SMSC may idle before it is dropped on our side. A
     * connection the SMSC closed while idle fails the next submission with "connection closed",
     * which reads as "may have been sent" (unknown, charged); dropping idle connections before
     * any usual server idle timeout (Apache's is 5 s) keeps that for real failures.
     */
    static final int IDLE_CONNECTION_SECONDS = 2;

    /**
     * The REST client every SMSC connector calls through: its timeouts, statuses mapped by
     * {@link #of} rather than thrown, idle connections dropped early.
     */
    public static QuarkusRestClientBuilder client(URI url, Duration connectTimeout, Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .property(QuarkusRestClientProperties.CONNECTION_TTL, IDLE_CONNECTION_SECONDS);
    }
    private static final int REASON_LENGTH = 200;

    private SmscAnswers() {
    }

    /**
     * 2xx: taken, under the id {@code smscMessageId} gives; 429 and 5xx: busy or failing, try again
     * after {@code retryAfter} (the header, if any); other 4xx: refused for good, with the status as
     * the error code. Anything else (1xx, 3xx) is not an answer an SMSC gives on purpose: tried again.
     */
    public static SubmitResult of(int status, String body, String retryAfter, Supplier<String> smscMessageId, Instant now) {
        if (status >= 200 && status < 300) {
            return new SubmitResult.Accepted(smscMessageId.get());
        }
        String reason = "HTTP " + status + reasonFrom(body);
        if (status >= 400 && status < 500 && status != 429) {
            return new SubmitResult.Rejected(Integer.toString(status), reason);
        }
        return new SubmitResult.RetryLater(reason, retryAfter(retryAfter, now));
    }

    /**
     * No answer. If no connection was ever made (refused, connect timeout, unknown host), the
     * submission never left: try again later. Otherwise (read timeout, connection reset or closed)
     * the SMSC may have taken it, and trying again could send it twice: {@link SubmitResult.Unanswered}.
     */
    public static SubmitResult unreachable(Throwable failure) {
        Throwable cause = failure;
        boolean neverConnected = isConnectFailure(cause);
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            neverConnected |= isConnectFailure(cause);
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (neverConnected) {
            return new SubmitResult.RetryLater("SMSC unreachable: " + truncate(detail), UNREACHABLE);
        }
        return new SubmitResult.Unanswered("SMSC did not answer: " + truncate(detail));
    }

    // Netty's connect timeout and refused-connection exceptions are ConnectExceptions too.
    private static boolean isConnectFailure(Throwable failure) {
        return failure instanceof java.net.ConnectException || failure instanceof java.net.UnknownHostException
                || failure instanceof java.net.NoRouteToHostException;
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date, kept between one second and {@link #LONGEST}. */
    static Duration retryAfter(String header, Instant now) {
        return RetryAfter.parse(header, now, BUSY);
    }

    private static String reasonFrom(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String firstLine = body.strip().lines().findFirst().orElse("");
        return ": " + truncate(firstLine);
    }

    private static String truncate(String text) {
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH) + "…";
    }
}
