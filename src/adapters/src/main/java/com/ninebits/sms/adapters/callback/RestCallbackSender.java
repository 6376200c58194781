package com.ninebits.sms.adapters.callback;

import com.ninebits.sms.adapters.http.RetryAfter;
import com.ninebits.sms.domain.callback.CallbackSender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs callbacks through Vert.x's HTTP client (the one under Quarkus' REST client): 10 s to
 * connect and 10 s to answer, redirects not followed (a 3xx is an answer, not a new address to
 * call), and says what the HTTP answer means for the event. The connection goes to the address
 * the URL's check resolved, never to a fresh look-up of its name (DNS rebinding), while the
 * {@code Host} header, the TLS server name (SNI) and the certificate's host name check use the
 * URL's host. Connections are pooled per address and host, so a busy receiver's are reused.
 */
@ApplicationScoped
public class RestCallbackSender implements CallbackSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String USER_AGENT = "sms-gateway-callbacks/1";

    private final Clock clock;
    private final HttpClient http;

    public RestCallbackSender(Clock clock, Vertx vertx) {
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) TIMEOUT.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setMaxPoolSize(8));
    }

    @Override
    public Answer post(String url, InetAddress address, String signature, String body) {
        URI uri = URI.create(url);
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host).setPort(port).setSsl(https)
                .setURI(pathAndQuery(uri))
                .setFollowRedirects(false)
                .setConnectTimeout(TIMEOUT.toMillis())
                .setIdleTimeout(TIMEOUT.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .putHeader("X-Signature", signature);
        try {
            HttpClientResponse response = http.request(request)
                    .compose(sent -> sent.send(body))
                    .compose(answered -> answered.body().map(ignored -> answered))
                    .toCompletionStage().toCompletableFuture()
                    .get(3 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return answer(response.statusCode(), response.getHeader(HttpHeaders.RETRY_AFTER));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return unreachable(cause);
        } catch (TimeoutException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(e);
        }
    }

    private static RetryLater unreachable(Throwable cause) {
        return new RetryLater("unreachable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null, false);
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
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

    @PreDestroy
    void close() {
        http.close();
    }
}
