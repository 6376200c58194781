package com.ninebits.sms.adapters.smsc;

import com.ninebits.sms.adapters.smsc.http.HttpReports;
import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process SMSC for local runs, demos and tests. Its answer is chosen by the destination's
 * last digits, and, like a real SMSC, it reports delivery a moment later through the gateway's
 * own DLR webhook in the generic connector's format ({@link HttpReports}), when a DLR URL is configured:
 * <ul>
 *   <li>{@code …999}: refused at submission ({@code invalid_destination});</li>
 *   <li>{@code …998}: temporarily unavailable, every time (the message ends {@code failed} after the retries);</li>
 *   <li>{@code …997}: accepted, then reported undelivered ({@code failed}, error {@code absent_subscriber});</li>
 *   <li>{@code …996}: accepted, and never reported on;</li>
 *   <li>anything else: accepted under a fresh {@code sim-…} id, then reported delivered.</li>
 * </ul>
 * Reports go out concurrently, as fast as they are submitted, each account's in turn with the
 * others' ({@link FairReports}): one account's large batch never delays another account's reports.
 */
public class SimulatorSmsc implements Smsc, AutoCloseable {

    static final Duration REPORT_DELAY = Duration.ofMillis(200);
    /**
     * A report waits behind the others in flight until a webhook instance takes it: as long as a
     * Lambda invocation may take, so that a webhook slower than the reports are due is waited for.
     */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);
    /** Reports in flight at most; the DLR webhook's instances take them concurrently. */
    static final int REPORT_SENDERS = 16;
    /** At most half the senders for one account, so that the others' reports always find a free one. */
    static final int REPORT_SENDERS_PER_ACCOUNT = REPORT_SENDERS / 2;
    private static final Logger LOG = Logger.getLogger(SimulatorSmsc.class.getName());

    private final Optional<String> dlrUrl;
    private final Optional<String> dlrSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final FairReports reports;

    public SimulatorSmsc(Optional<String> dlrUrl, Optional<String> dlrSecret, Clock clock) {
        this(dlrUrl, dlrSecret, clock, REPORT_SENDERS, REPORT_SENDERS_PER_ACCOUNT);
    }

    SimulatorSmsc(Optional<String> dlrUrl, Optional<String> dlrSecret, Clock clock, int reportSenders, int perAccount) {
        this.dlrUrl = dlrUrl.filter(u -> !u.isBlank());
        this.dlrSecret = dlrSecret;
        this.clock = clock;
        this.reports = new FairReports("simulator-dlr", reportSenders, perAccount);
    }

    @Override
    public SubmitResult submit(Submission submission) {
        String to = submission.to();
        if (to.endsWith("999")) {
            return new SubmitResult.Rejected("invalid_destination", "the simulator refuses numbers ending in 999");
        }
        if (to.endsWith("998")) {
            return new SubmitResult.RetryLater("simulated outage for numbers ending in 998", Duration.ofSeconds(1));
        }
        String smscId = "sim-" + UUID.randomUUID();
        if (!to.endsWith("996") && dlrUrl.isPresent()) {
            boolean delivered = !to.endsWith("997");
            reports.add(submission.accountId(), REPORT_DELAY, () -> report(submission.messageId(), smscId, delivered));
        }
        return new SubmitResult.Accepted(smscId);
    }

    private void report(String messageId, String smscId, boolean delivered) {
        if (dlrUrl.isEmpty()) {
            return;
        }
        String body = HttpReports.body(messageId, smscId, delivered ? "delivered" : "undelivered", clock.instant(),
                delivered ? null : "absent_subscriber");
        String url = HttpReports.url(dlrUrl.get(), dlrSecret);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(REPORT_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                LOG.warning(() -> "the DLR webhook answered " + response.statusCode() + " to the simulator's report on " + messageId);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the simulator could not report on " + messageId, e);
        }
    }

    @Override
    public void close() {
        reports.close();
    }
}
