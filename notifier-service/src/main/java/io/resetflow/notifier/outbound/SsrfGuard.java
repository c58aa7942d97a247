package io.resetflow.notifier.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/**
 * Refuses webhook URLs that are not http(s) or whose host resolves to a loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, unspecified or cloud metadata address, unless
 * {@code resetflow.webhooks.allow-private-addresses} is true. Checked when an endpoint is registered and again
 * before every call (DNS may change). Redirects are never followed.
 */
@Component
public class SsrfGuard {

    private final WebhookProperties properties;

    SsrfGuard(WebhookProperties properties) {
        this.properties = properties;
    }

    /** @throws RefusedUrlException with a reason that names the host but not the path or query */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new RefusedUrlException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedUrlException("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedUrlException("the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedUrlException("credentials in the URL are not allowed");
        }
        if (properties.allowPrivateAddresses()) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new RefusedUrlException("host " + uri.getHost() + " resolves to a loopback, private, link-local "
                        + "or metadata address");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 169 && second == 254) // link-local, cloud metadata 169.254.169.254
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local (fd00:ec2::254 metadata included)
                return true;
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
