package io.resetflow.api.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** Sign-in and sign-out of tenant admins. The answers never say whether an email belongs to an admin. */
@Controller
class SignInController {

    static final String REFUSED = "The email address or password is not correct.";
    static final String LOCKED = "Too many failed sign-in attempts. Sign-in with this email address is locked for "
            + AdminAccounts.LOCKOUT.toMinutes() + " minutes; try again later.";

    private static final Logger audit = LoggerFactory.getLogger("io.resetflow.audit.console");

    private final AdminAccounts admins;

    SignInController(AdminAccounts admins) {
        this.admins = admins;
    }

    @GetMapping("/admin")
    String home() {
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/login")
    String form(HttpServletRequest request, @RequestParam(name = "signedOut", required = false) String signedOut, Model model) {
        if (ConsoleSession.admin(request).isPresent()) {
            return "redirect:/admin/users";
        }
        model.addAttribute("signedOut", signedOut != null);
        return "admin/login";
    }

    @PostMapping("/admin/login")
    String signIn(@RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "password", required = false) String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        AdminAccounts.SignIn result = admins.signIn(email, password);
        if (result instanceof AdminAccounts.SignedIn signedIn) {
            ConsoleSession.signIn(request, signedIn.admin());
            audit.info("console sign-in of admin {} of tenant {}", signedIn.admin().id(), signedIn.admin().tenantId());
            return "redirect:/admin/users";
        }
        boolean locked = result instanceof AdminAccounts.Locked;
        audit.info("console sign-in refused{}", locked ? " (locked)" : "");
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("email", email);
        model.addAttribute("error", locked ? LOCKED : REFUSED);
        model.addAttribute("signedOut", false);
        return "admin/login";
    }

    @PostMapping("/admin/logout")
    String signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/admin/login?signedOut";
    }
}
