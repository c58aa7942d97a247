package io.resetflow.notifier.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /internal/**} requires {@code Authorization: Bearer {resetflow.internal.secret}} (constant-time compare), else 401. */
@Component
class InternalAuthFilter extends OncePerRequestFilter {

    private final InternalProperties properties;

    InternalAuthFilter(InternalProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = properties.secret();
        String header = request.getHeader("Authorization");
        boolean ok = secret != null && !secret.isBlank() && header != null && MessageDigest.isEqual(
                header.getBytes(StandardCharsets.UTF_8), ("Bearer " + secret).getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            response.setStatus(401);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"missing or invalid bearer secret\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
