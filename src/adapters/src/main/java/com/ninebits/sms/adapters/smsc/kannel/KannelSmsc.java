package com.ninebits.sms.adapters.smsc.kannel;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.ninebits.sms.adapters.smsc.SmscAnswers;
import com.ninebits.sms.adapters.smsc.SmscConfig;
import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;
import com.ninebits.sms.domain.text.Encoding;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Submits through Kannel's smsbox HTTP interface ({@code GET /cgi-bin/sendsms}). Kannel splits long
 * texts itself, so the whole body goes in one request, and it reports delivery to the dlr-url
 * {@link KannelReports} words for each message.
 */
public final class KannelSmsc implements Smsc, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KannelSmsc.class);
    private static final String UCS2 = "2";
    private static final String GSM7 = "0";

    private final KannelSendsms sendsms;
    private final String username;
    private final String password;
    private final Optional<String> dlrBase;
    private final Optional<String> dlrSecret;
    private final Clock clock;

    public KannelSmsc(SmscConfig config) {
        this(URI.create(config.url().orElseThrow(() -> missing("url"))),
                config.username().orElseThrow(() -> missing("username")),
                config.password().orElse(""),
                config.dlrurl(), config.dlrsecret(),
                Duration.ofMillis(config.connecttimeoutms()), Duration.ofMillis(config.readtimeoutms()),
                Clock.systemUTC());
    }

    /**
     * @param sendsmsUrl the whole sendsms endpoint, {@code http://host:13013/cgi-bin/sendsms}
     * @param dlrBase    the gateway's public base URL for delivery reports; empty: none are asked for
     * @param dlrSecret  carried in every report URL so the webhook knows the caller
     */
    public KannelSmsc(URI sendsmsUrl, String username, String password, Optional<String> dlrBase, Optional<String> dlrSecret,
            Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.sendsms = SmscAnswers.client(sendsmsUrl, connectTimeout, readTimeout)
                .build(KannelSendsms.class);
        this.username = username;
        this.password = password;
        this.dlrBase = dlrBase.filter(b -> !b.isBlank()).map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.dlrSecret = dlrSecret.filter(s -> !s.isBlank());
        this.clock = clock;
    }

    @Override
    public SubmitResult submit(Submission submission) {
        Optional<String> dlrUrl = dlrBase.map(base -> KannelReports.dlrUrl(base, dlrSecret, submission.messageId()));
        try (Response answer = sendsms.sendsms(username, password, submission.from(), international(submission.to()),
                submission.body(), submission.encoding() == Encoding.UCS2 ? UCS2 : GSM7, "UTF-8",
                dlrUrl.map(u -> KannelReports.MASK).orElse(null), dlrUrl.orElse(null))) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
            // "0: Accepted for delivery" and "3: Queued for later delivery" (no SMSC bound yet; Kannel
            // keeps it and sends it when one is) both come as 202, and neither carries an id: the
            // reports name the message by the id put in their URL, so ours is the SMSC's id too.
            SubmitResult result = SmscAnswers.of(answer.getStatus(), body, answer.getHeaderString(HttpHeaders.RETRY_AFTER),
                    submission::messageId, clock.instant());
            if (!(result instanceof SubmitResult.Accepted)) {
                LOG.infof("kannel did not take message=%s account=%s: %s", submission.messageId(), submission.accountId(), result);
            }
            return result;
        } catch (ProcessingException e) {
            LOG.infof("kannel unreachable for message=%s account=%s: %s", submission.messageId(), submission.accountId(), e.getMessage());
            return SmscAnswers.unreachable(e);
        }
    }

    @Override
    public void close() {
        sendsms.close();
    }

    /** Kannel passes the number on as given; with the {@code +} the SMSC reads it as international. */
    private static String international(String to) {
        return to.startsWith("+") ? to : "+" + to;
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("the kannel SMSC connector needs sms.smsc." + key
                + " (env SMS_SMSC_" + key.toUpperCase(Locale.ROOT) + ")");
    }
}
