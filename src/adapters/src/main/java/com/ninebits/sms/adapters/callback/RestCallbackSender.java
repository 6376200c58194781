package com.ninebits.sms.adapters.callback;

import com.ninebits.sms.adapters.http.RetryAfter;
import com.ninebits.sms.domain.callback.CallbackSender;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * POSTs callbacks through the Quarkus REST client: 10 s to connect and 10 s to answer, redirects
 * not followed (a 3xx is an answer, not a new address to call), and says what the HTTP answer means
 * for the event. One client per URL, the most recently used few kept, so that a busy receiver's
 * connections are reused.
 */
@ApplicationScoped
public class RestCallbackSender implements CallbackSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENTS_KEPT = 64;
    private static final String USER_AGENT = "sms-gateway-callbacks/1";

    private final Clock clock;
    private final Map<String, CallbackClient> clients = new LinkedHashMap<>(16, 0.75f, true);

    public RestCallbackSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Answer post(String url, String signature, String body) {
        try (Response response = client(url).post(signature, USER_AGENT, body)) {
            return answer(response.getStatus(), response.getHeaderString(HttpHeaders.RETRY_AFTER));
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new RetryLater("unreachable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null, false);
        }
    }

    /**
     * 2xx: delivered. 408, 429 and 5xx: busy or failing, tried again (after {@code Retry-After}
     * if it asks for longer than the back-off). Anything else, 3xx included since redirects are
     * not followed, is the receiver's refusal.
     */
    Answer answer(int status, String retryAfter) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        String reason = "http_" + status;
        if (status == 408 || status == 429 || status >= 500) {
            return new RetryLater(reason, RetryAfter.parse(retryAfter, clock.instant(), null), true);
        }
        return new Refused(reason);
    }

    private synchronized CallbackClient client(String url) {
        CallbackClient client = clients.get(url);
        if (client == null) {
            client = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(url))
                    .connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .followRedirects(false)
                    // Statuses are answers to map, not failures to throw.
                    .disableDefaultMapper(true)
                    .build(CallbackClient.class);
            clients.put(url, client);
            if (clients.size() > CLIENTS_KEPT) {
                Iterator<CallbackClient> eldest = clients.values().iterator();
                eldest.next().close();
                eldest.remove();
            }
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        clients.values().forEach(CallbackClient::close);
        clients.clear();
    }
}
