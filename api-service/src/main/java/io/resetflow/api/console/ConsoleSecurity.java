package io.resetflow.api.console;

import java.io.IOException;
import java.time.Duration;

import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /admin/**}: every state-changing request must carry the session's CSRF token, and every page
 * but the sign-in page needs a signed-in admin. The session cookie is HttpOnly, SameSite=Lax, limited to
 * {@code /admin}, and Secure unless {@code resetflow.console.secure-cookies} is false (the local profile).
 */
@Configuration
class ConsoleSecurity implements WebMvcConfigurer {

    static final String SESSION_COOKIE = "RF_CONSOLE";
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Guard()).addPathPatterns("/admin", "/admin/**");
    }

    /** Runs after Boot's own customizer, which installs the {@code server.servlet.session} settings. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> consoleSessionCookie(ConsoleProperties properties) {
        return new SessionCookie(properties);
    }

    private record SessionCookie(ConsoleProperties properties)
            implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableServletWebServerFactory factory) {
            factory.getSettings().getSession().setTimeout(IDLE_TIMEOUT);
            Cookie cookie = factory.getSettings().getSession().getCookie();
            cookie.setName(SESSION_COOKIE);
            cookie.setPath("/admin");
            cookie.setHttpOnly(true);
            cookie.setSecure(properties.secureCookies());
            cookie.setSameSite(Cookie.SameSite.LAX);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static final class Guard implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
            if (!(handler instanceof HandlerMethod)) {
                return true;
            }
            boolean safe = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
            if (!safe && !ConsoleSession.csrfValid(request)) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN,
                        "This form has expired or did not come from the console. Go back, reload the page and try again.");
                return false;
            }
            if (request.getRequestURI().equals("/admin/login")) {
                return true;
            }
            if (ConsoleSession.admin(request).isEmpty()) {
                if (safe) {
                    response.sendRedirect("/admin/login");
                } else {
                    refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Your session has ended. Sign in again.");
                }
                return false;
            }
            return true;
        }

        private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
            response.setStatus(status);
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("""
                    <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Request refused</title>
                    <link rel="stylesheet" href="/assets/admin.css"></head>
                    <body><main class="narrow"><h1>Request refused</h1><p role="alert">%s</p>
                    <p><a href="/admin/login">Go to the sign-in page</a></p></main></body></html>""".formatted(message));
        }
    }
}
