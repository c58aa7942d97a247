package io.resetflow.notifier.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SsrfGuardTest {

    private static WebhookProperties props(boolean allowPrivate) {
        return new WebhookProperties(allowPrivate, Duration.ofSeconds(5), List.of(Duration.ZERO), 1,
                Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofDays(5));
    }

    private final SsrfGuard strict = new SsrfGuard(props(false));

    @Test
    void loopback_private_link_local_and_metadata_urls_are_refused() {
        for (String url : List.of("http://127.0.0.1/hook", "http://localhost:8080/x", "https://10.1.2.3/",
                "https://192.168.0.10/", "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/", "http://[fd00:ec2::254]/", "http://0.0.0.0/", "http://100.64.0.1/",
                "http://[::ffff:127.0.0.1]/")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(RefusedUrlException.class);
        }
    }

    @Test
    void other_schemes_credentials_and_garbage_are_refused() {
        for (String url : List.of("ftp://example.com/", "file:///etc/passwd", "https://user:pw@example.com/", "not a url",
                "gopher://x")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(RefusedUrlException.class);
        }
    }

    @Test
    void public_addresses_pass_and_the_operator_may_allow_private_ones() throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName("93.184.216.34"))).isFalse();
        assertThat(SsrfGuard.isInternal(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"))).isFalse();
        assertThat(strict.check("https://93.184.216.34/hooks").getHost()).isEqualTo("93.184.216.34");
        assertThat(new SsrfGuard(props(true)).check("http://127.0.0.1:9999/hook").getPort()).isEqualTo(9999);
    }
}
