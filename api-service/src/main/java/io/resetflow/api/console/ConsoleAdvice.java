package io.resetflow.api.console;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every console page gets the session's CSRF token and the signed-in admin; failures become console pages
 * (a 404 for anything outside the admin's tenant), never the API's JSON.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    /** Nothing of that id in the admin's tenant; another tenant's id looks exactly the same. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super("not found in this tenant");
        }
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        ConsoleSession.admin(request).ifPresent(admin -> model.addAttribute("admin", admin));
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("admin/not-found", HttpStatus.NOT_FOUND);
        common(request, page);
        return page;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView fault(Exception e, HttpServletRequest request) {
        String correlationId = UUID.randomUUID().toString();
        log.error("console fault, correlation id {}", correlationId, e);
        ModelAndView page = new ModelAndView("admin/error", HttpStatus.INTERNAL_SERVER_ERROR);
        common(request, page);
        page.addObject("correlationId", correlationId);
        return page;
    }

    private static void common(HttpServletRequest request, ModelAndView page) {
        page.addObject("csrf", ConsoleSession.csrfToken(request));
        ConsoleSession.admin(request).ifPresent(admin -> page.addObject("admin", admin));
    }
}
