package com.ninebits.sms.domain.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the gateway may call a customer's URL (server-side request forgery rules).
 * Only {@code https}; the host must resolve, and no address it resolves to may be loopback,
 * private, link-local, unique-local, multicast, unspecified or a cloud metadata address.
 * {@code allowInsecure} (local runs only) admits plain {@code http} and loopback, never the rest.
 * The check runs when a URL is stored and again before every call, since DNS answers change; a
 * call goes to the address its check resolved ({@link #verdict}), so that a DNS answer that changes
 * between the check and the connection (DNS rebinding) cannot redirect it.
 */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2048;

    private final HostResolver resolver;
    private final boolean allowInsecure;

    public WebhookUrls(HostResolver resolver, boolean allowInsecure) {
        this.resolver = resolver;
        this.allowInsecure = allowInsecure;
    }

    /** What the check found: the URL may be called at an address, or it is refused. */
    public sealed interface Verdict permits Callable, Refusal {
    }

    /** The URL may be called; connect to {@code address}, which was resolved and checked for it. */
    public record Callable(String url, InetAddress address) implements Verdict {
    }

    /** A refusal: a stable code and a sentence. */
    public record Refusal(String code, String message) implements Verdict {
    }

    /** The refusal, or empty when the URL may be called. */
    public Optional<Refusal> check(String url) {
        return verdict(url) instanceof Refusal refusal ? Optional.of(refusal) : Optional.empty();
    }

    /** Whether the URL may be called, and if so the address to connect to: the first its host resolved to, all checked. */
    public Verdict verdict(String url) {
        if (url == null || url.isBlank()) {
            return refusal("required", "a URL is required");
        }
        if (url.length() > MAX_LENGTH) {
            return refusal("too_long", "the URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return refusal("invalid_url", "the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
            return refusal("insecure_url", "the URL must use https");
        }
        if (uri.getRawUserInfo() != null) {
            return refusal("invalid_url", "the URL must not carry credentials");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return refusal("invalid_url", "the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (isAmbiguousNumericHost(host)) {
            return refusal("ambiguous_address", "the URL's host is a numeric address in a form parsers read differently");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return refusal("unresolvable_host", "the URL's host does not resolve");
        }
        if (addresses.isEmpty()) {
            return refusal("unresolvable_host", "the URL's host does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<Refusal> refusal = checkAddress(address);
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        return new Callable(url, addresses.get(0));
    }

    private Optional<Refusal> checkAddress(InetAddress address) {
        InetAddress a = unmapped(address);
        if (isMetadata(a)) {
            return refuse("forbidden_address", "the URL resolves to a cloud metadata address");
        }
        if (a.isLoopbackAddress()) {
            return allowInsecure ? Optional.empty()
                    : refuse("forbidden_address", "the URL resolves to a loopback address");
        }
        if (a.isLinkLocalAddress()) {
            return refuse("forbidden_address", "the URL resolves to a link-local address");
        }
        if (a.isSiteLocalAddress() || isUniqueLocal(a) || isSharedOrReserved(a)) {
            return refuse("forbidden_address", "the URL resolves to a private address");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return refuse("forbidden_address", "the URL resolves to an address that cannot be called");
        }
        return Optional.empty();
    }

    /**
     * IPv6 forms that carry an IPv4 address a router or translator may deliver to are judged as the
     * IPv4 address inside: IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}),
     * NAT64 ({@code 64:ff9b::a.b.c.d}), 6to4 ({@code 2002:AABB:CCDD::}) and Teredo's client.
     */
    static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address) || address.isLoopbackAddress()) {
            return address;
        }
        byte[] b = address.getAddress();
        int word0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int word1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(b[12], b[13], b[14], b[15], address);
        }
        if (zeros(b, 0, 12)) {
            return ipv4(b[12], b[13], b[14], b[15], address);
        }
        if (word0 == 0x0064 && word1 == 0xff9b && zeros(b, 4, 12)) {
            return ipv4(b[12], b[13], b[14], b[15], address);
        }
        if (word0 == 0x2002) {
            return ipv4(b[2], b[3], b[4], b[5], address);
        }
        if (word0 == 0x2001 && word1 == 0) {
            return ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15], address);
        }
        return address;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d, InetAddress otherwise) {
        try {
            return InetAddress.getByAddress(new byte[]{a, b, c, d});
        } catch (UnknownHostException e) {
            return otherwise;
        }
    }

    /**
     * A host whose last label is a number is an IPv4 literal to some parser: only the canonical
     * dotted quad is read the same by all of them. {@code 012.0.0.1} is 10.0.0.1 to curl and
     * 12.0.0.1 to Java; {@code 0x7f.1} and {@code 2130706433} are 127.0.0.1 to others.
     */
    static boolean isAmbiguousNumericHost(String host) {
        String[] labels = host.split("\\.", -1);
        if (!labels[labels.length - 1].matches("[0-9]+|0[xX][0-9a-fA-F]*")) {
            return false;
        }
        if (labels.length != 4) {
            return true;
        }
        for (String label : labels) {
            if (!label.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(label) > 255) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            // 169.254.169.254 (AWS, GCP, Azure) and 169.254.170.2 (ECS task metadata) sit in link-local,
            // refused anyway; 100.100.100.200 (Alibaba) does not.
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
        }
        // fd00:ec2::254, AWS's IPv6 metadata address.
        return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && (b[15] & 0xff) == 0x54 && b[14] == 0x02;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 and 240.0.0.0/4. */
    private static boolean isSharedOrReserved(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        byte[] b = a.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return (first == 100 && second >= 64 && second < 128)
                || first == 0
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
    }

    private static Optional<Refusal> refuse(String code, String message) {
        return Optional.of(refusal(code, message));
    }

    private static Refusal refusal(String code, String message) {
        return new Refusal(code, message);
    }
}
