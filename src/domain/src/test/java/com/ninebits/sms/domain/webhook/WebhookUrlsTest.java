package com.ninebits.sms.domain.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookUrlsTest {

    /** Answers from a fixed table, and IP literals as themselves: no DNS is ever asked. */
    static final class FakeResolver implements HostResolver {
        private final Map<String, List<InetAddress>> names = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        FakeResolver with(String host, String... addresses) {
            List<InetAddress> resolved = new ArrayList<>();
            for (String address : addresses) {
                resolved.add(literal(address));
            }
            names.put(host, resolved);
            return this;
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            asked.add(host);
            if (names.containsKey(host)) {
                return names.get(host);
            }
            if (host.contains(":") || host.matches("[0-9.]+")) {
                return List.of(literal(host));
            }
            throw new UnknownHostException(host);
        }

        private static InetAddress literal(String address) {
            try {
                // A literal is parsed, never looked up.
                return InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
    }

    private final FakeResolver dns = new FakeResolver()
            .with("hooks.example.com", "93.184.216.34")
            .with("dual.example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            .with("rebind.example.com", "10.0.0.7")
            .with("half-rebind.example.com", "93.184.216.34", "192.168.0.10")
            .with("metadata.example.com", "169.254.169.254")
            .with("v6-metadata.example.com", "fd00:ec2::254")
            .with("mapped.example.com", "::ffff:127.0.0.1")
            .with("localhost", "127.0.0.1", "::1")
            .with("empty.example.com")
            .with("10.example.com", "93.184.216.34");

    private final WebhookUrls strict = new WebhookUrls(dns, false);
    private final WebhookUrls insecure = new WebhookUrls(dns, true);

    private static String refusal(WebhookUrls urls, String url) {
        Optional<WebhookUrls.Refusal> refusal = urls.check(url);
        assertTrue(refusal.isPresent(), url + " should be refused");
        return refusal.get().code();
    }

    @Test
    void admitsAPublicHttpsUrl() {
        assertEquals(Optional.empty(), strict.check("https://hooks.example.com/dlr?account=1"));
        assertEquals(Optional.empty(), strict.check("https://93.184.216.34:8443/hooks"));
        assertEquals(Optional.empty(), strict.check("HTTPS://hooks.example.com/"));
    }

    @Test
    void admitsANameWithPublicIpv4AndIpv6Addresses() {
        assertEquals(Optional.empty(), strict.check("https://dual.example.com/"));
    }

    @Test
    void refusesAPublicNameThatResolvesToAPrivateAddress() {
        assertEquals("forbidden_address", refusal(strict, "https://rebind.example.com/hooks"));
        assertTrue(dns.asked.contains("rebind.example.com"), "the name was resolved when the URL was checked");
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsPrivate() {
        assertEquals("forbidden_address", refusal(strict, "https://half-rebind.example.com/"));
    }

    @Test
    void refusesANameThatResolvesToTheMetadataService() {
        assertEquals("forbidden_address", refusal(strict, "https://metadata.example.com/"));
        assertEquals("forbidden_address", refusal(strict, "https://v6-metadata.example.com/"));
    }

    @Test
    void refusesANameThatResolvesToAMappedLoopbackAddress() {
        assertEquals("forbidden_address", refusal(strict, "https://mapped.example.com/"));
    }

    @Test
    void refusesPlainHttp() {
        assertEquals("insecure_url", refusal(strict, "http://hooks.example.com/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "file:///etc/passwd", "gopher://hooks.example.com/",
            "//hooks.example.com/x", "hooks.example.com/x"})
    void refusesOtherSchemes(String url) {
        assertEquals("insecure_url", refusal(strict, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://127.1.2.3/", "https://localhost/", "https://[::1]/",
            "https://[::ffff:127.0.0.1]/"})
    void refusesLoopback(String url) {
        assertEquals("forbidden_address", refusal(strict, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/", "https://172.16.0.1/", "https://172.31.255.255/",
            "https://192.168.1.1/", "https://[fd12:3456::1]/", "https://[fc00::1]/", "https://[::ffff:10.0.0.1]/",
            "https://[::ffff:192.168.0.1]/"})
    void refusesPrivateAddresses(String url) {
        assertEquals("forbidden_address", refusal(strict, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://169.254.170.2/v2/credentials",
            "https://[fd00:ec2::254]/", "https://100.100.100.200/", "https://[fe80::1]/",
            "https://[::ffff:169.254.169.254]/"})
    void refusesLinkLocalAndMetadataAddresses(String url) {
        assertEquals("forbidden_address", refusal(strict, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://100.64.0.1/", "https://100.127.255.254/", "https://0.0.0.0/",
            "https://[::]/", "https://224.0.0.1/", "https://255.255.255.255/", "https://198.18.0.1/",
            "https://192.0.0.8/", "https://240.0.0.1/", "https://[ff02::1]/"})
    void refusesSharedReservedAndMulticastAddresses(String url) {
        assertEquals("forbidden_address", refusal(strict, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://100.63.255.255/", "https://100.128.0.1/", "https://172.15.0.1/",
            "https://172.32.0.1/", "https://198.20.0.1/", "https://11.0.0.1/"})
    void admitsPublicNeighboursOfRefusedRanges(String url) {
        assertEquals(Optional.empty(), strict.check(url));
    }

    @Test
    void refusesCredentialsInTheUrl() {
        assertEquals("invalid_url", refusal(strict, "https://user:pw@hooks.example.com/"));
        assertEquals("invalid_url", refusal(strict, "https://user@hooks.example.com/"));
    }

    @Test
    void refusesWhatIsNotAUrl() {
        assertEquals("invalid_url", refusal(strict, "not a url"));
        assertEquals("invalid_url", refusal(strict, "https:///no-host"));
        assertEquals("invalid_url", refusal(strict, "https://exa mple.com/"));
    }

    @Test
    void refusesAMissingOrOverlongUrl() {
        assertEquals("required", refusal(strict, null));
        assertEquals("required", refusal(strict, "  "));
        String overlong = "https://hooks.example.com/" + "a".repeat(WebhookUrls.MAX_LENGTH);
        assertEquals("too_long", refusal(strict, overlong));
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        assertEquals("unresolvable_host", refusal(strict, "https://no-such-host.invalid/"));
        assertEquals("unresolvable_host", refusal(strict, "https://empty.example.com/"));
    }

    @Test
    void insecureModeAdmitsPlainHttp() {
        assertEquals(Optional.empty(), insecure.check("http://hooks.example.com/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/hook", "http://localhost:8089/hook", "https://localhost/",
            "http://[::1]:8089/", "http://[::ffff:127.0.0.1]/"})
    void insecureModeAdmitsLoopback(String url) {
        assertEquals(Optional.empty(), insecure.check(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/", "http://192.168.1.1/", "http://172.16.0.1/", "http://[fd00::1]/",
            "http://169.254.169.254/latest/meta-data", "http://169.254.170.2/", "http://[fd00:ec2::254]/",
            "http://100.100.100.200/", "http://[fe80::1]/", "http://100.64.0.1/", "http://rebind.example.com/",
            "http://metadata.example.com/", "http://[::ffff:10.0.0.1]/"})
    void insecureModeStillRefusesPrivateLinkLocalAndMetadata(String url) {
        assertEquals("forbidden_address", refusal(insecure, url));
    }

    @Test
    void insecureModeStillRefusesOtherSchemesAndCredentials() {
        assertEquals("insecure_url", refusal(insecure, "ftp://hooks.example.com/"));
        assertEquals("invalid_url", refusal(insecure, "http://user:pw@127.0.0.1/"));
    }

    @Test
    void aRefusalCarriesASentence() {
        WebhookUrls.Refusal refusal = strict.check("https://10.0.0.1/").orElseThrow();
        assertEquals("the URL resolves to a private address", refusal.message());
    }

    /** NAT64, 6to4, IPv4-compatible and Teredo forms deliver to the IPv4 address inside them. */
    @ParameterizedTest
    @ValueSource(strings = {"http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::1]/", "http://[::10.0.0.1]/",
            "http://[64:ff9b::10.0.0.1]/", "http://[2002:c0a8:0101::]/", "http://[::169.254.169.254]/",
            "http://[2001:0:4136:e378:8000:63bf:f5ff:fff6]/"})
    void ipv6FormsOfPrivateAndMetadataAddressesAreRefused(String url) {
        assertEquals("forbidden_address", refusal(insecure, url));
        assertEquals("forbidden_address", refusal(strict, url.replace("http:", "https:")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://012.0.0.1/", "http://2130706433/", "http://10.0.0.01/", "http://0177.0.0.1/"})
    void leadingZeroAndOtherAmbiguousNumericHostsAreRefused(String url) {
        assertEquals("ambiguous_address", refusal(insecure, url));
        assertEquals(List.of(), dns.asked, "refused before any lookup");
    }

    /** Java's URI reads no host in these at all; refused all the same, never looked up. */
    @ParameterizedTest
    @ValueSource(strings = {"http://0x7f.0.0.1/", "http://127.1/", "http://1.2.3.4.5/", "http://256.0.0.1/"})
    void numericHostsJavaCannotReadAreRefused(String url) {
        assertEquals("invalid_url", refusal(insecure, url));
        assertEquals(List.of(), dns.asked, "refused before any lookup");
    }

    @Test
    void aPublicAddressInsideAnIpv6FormIsAdmitted() {
        assertEquals(Optional.empty(), strict.check("https://[64:ff9b::5db8:d822]/"));
        assertEquals(Optional.empty(), strict.check("https://[2002:5db8:d822::1]/"));
        assertEquals(Optional.empty(), strict.check("https://10.example.com/"));
    }
}
