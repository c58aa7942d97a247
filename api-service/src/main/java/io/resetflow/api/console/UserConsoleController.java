package io.resetflow.api.console;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;

import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.Field;
import io.resetflow.api.directory.NewUser;
import io.resetflow.api.directory.User;
import io.resetflow.api.intake.ResetRequest;
import io.resetflow.api.intake.ResetRequests;
import io.resetflow.api.tenant.Tenant;
import io.resetflow.api.tenant.Tenants;
import io.resetflow.api.timeline.Timeline;
import io.resetflow.api.timeline.TimelineEntry;
import io.resetflow.api.tokens.TokenServiceClient;

/**
 * The user manager (seeds 002 and 003): search, the user page with its status message, latest unclaimed link
 * and delivery history; create a user and send the first set-password link; send or only generate a reset link.
 * Everything is looked up within the signed-in admin's tenant; another tenant's user id is a 404.
 */
@Controller
class UserConsoleController {

    static final String CREATED_AND_SENT = "Account successfully created and reset password email sent.";
    static final String CREATED = "Account successfully created.";
    static final String SENT = "Reset password email sent.";
    static final String GENERATED = "Reset password link generated. It was not sent; copy it to the user.";
    static final String GENERATED_PENDING = "A reset password link was requested without sending it; it is not available yet."
            + " Reload this page in a moment to copy it.";
    static final String THROTTLED = "This user reached the limit of password reset deliveries per hour; nothing was sent."
            + " Copy the latest link instead.";
    static final String NO_TOKEN = "This user does not have a password reset token.";
    static final String LINK_UNAVAILABLE = "The reset link is not available right now (the token service did not answer)."
            + " Reload this page in a moment.";

    private static final Logger log = LoggerFactory.getLogger(UserConsoleController.class);

    private final Directory directory;
    private final ResetRequests requests;
    private final TokenServiceClient tokens;
    private final Timeline timeline;
    private final Tenants tenants;
    private final Notices notices;
    private final LinkReveals reveals;
    private final Clock clock;

    UserConsoleController(Directory directory, ResetRequests requests, TokenServiceClient tokens, Timeline timeline,
            Tenants tenants, Notices notices, LinkReveals reveals, Clock clock) {
        this.directory = directory;
        this.requests = requests;
        this.tokens = tokens;
        this.timeline = timeline;
        this.tenants = tenants;
        this.notices = notices;
        this.reveals = reveals;
        this.clock = clock;
    }

    /** The latest link as the page shows it: live (with the link), none, or token-service unreachable. */
    record LinkView(String state, String link, String linkId, Instant expiresAt, String requestId, String issuedEventId) {
        static final LinkView NONE = new LinkView("NONE", null, null, null, null, null);
        static final LinkView UNAVAILABLE = new LinkView("UNAVAILABLE", null, null, null, null, null);

        public boolean live() {
            return "LIVE".equals(state);
        }
    }

    @GetMapping("/admin/users")
    String search(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin,
            @RequestParam(name = "q", required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("users", directory.search(admin.tenantId(), q, 50));
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    String newUser(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, Model model) {
        model.addAttribute("fields", ownFields(admin));
        model.addAttribute("form", Map.of());
        model.addAttribute("sendLink", true);
        return "admin/user-new";
    }

    @PostMapping("/admin/users")
    String create(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @RequestParam Map<String, String> form,
            Model model) {
        List<Field> fields = ownFields(admin);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = form.get("attr_" + field.name());
            if (value != null && !value.isBlank()) {
                attributes.put(field.name(), value.strip());
            }
        }
        boolean sendLink = form.containsKey("sendLink");
        String email = form.getOrDefault("email", "").strip();
        String problem = null;
        User user = null;
        if (email.isEmpty()) {
            problem = "Enter the user's email address.";
        } else {
            try {
                user = directory.create(admin.tenantId(), new NewUser(email, blankToNull(form.get("phone")),
                        blankToNull(form.get("firstName")), blankToNull(form.get("lastName")), null, attributes));
            } catch (Directory.DuplicateUserException | IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (user == null) {
            model.addAttribute("fields", fields);
            model.addAttribute("form", form);
            model.addAttribute("sendLink", sendLink);
            model.addAttribute("error", problem);
            model.addAttribute("errorField", problem.contains("Phone") ? "phone" : problem.contains("EmailAddress")
                    || problem.startsWith("Enter the user's email") ? "email" : null);
            return "admin/user-new";
        }
        log.info("console: admin {} created user {} in tenant {}", admin.id(), user.id(), admin.tenantId());
        if (sendLink) {
            ResetRequests.Result result = requests.requestFor(admin.tenantId(), user.id(), ResetRequest.Origin.ADMIN, true,
                    ResetRequest.Requester.admin(admin.id()));
            boolean throttled = result.decision().map(d -> "THROTTLED".equals(d.status())).orElse(false);
            notices.leave(admin, user.id(), throttled ? THROTTLED : CREATED_AND_SENT);
        } else {
            notices.leave(admin, user.id(), CREATED);
        }
        return "redirect:/admin/users/" + user.id();
    }

    @GetMapping("/admin/users/{id}")
    String show(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id, Model model) {
        User user = user(admin, id);
        Tenant tenant = tenants.find(admin.tenantId()).orElseThrow();
        model.addAttribute("user", user);
        model.addAttribute("attributes", directory.attributes(user));
        List<TimelineEntry> entries = timeline.ofUser(admin.tenantId(), user.id().toString(), 100);
        model.addAttribute("notice", notice(admin, user, tenant, entries).orElse(null));
        model.addAttribute("reuseWindow", ConsoleFormat.duration(tenant.reuseWindow()));
        LinkView link = latest(admin, user);
        if (link.live() && !reveals.record(admin, user.id(), LinkReveals.Action.SHOWN, link.linkId(), link.requestId(),
                link.issuedEventId())) {
            link = LinkView.UNAVAILABLE; // no event on the log, no link on the screen
        }
        model.addAttribute("link", link);
        model.addAttribute("noToken", NO_TOKEN);
        model.addAttribute("linkUnavailable", LINK_UNAVAILABLE);
        model.addAttribute("history", HistoryRow.of(entries));
        return "admin/user";
    }

    @PostMapping("/admin/users/{id}/password-resets")
    String sendReset(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id,
            @RequestParam(name = "send", defaultValue = "true") boolean send) {
        User user = user(admin, id);
        ResetRequests.Result result = requests.requestFor(admin.tenantId(), user.id(), ResetRequest.Origin.ADMIN, send,
                ResetRequest.Requester.admin(admin.id()));
        Optional<TokenServiceClient.Decision> decision = result.decision();
        String message;
        if (decision.map(d -> "THROTTLED".equals(d.status())).orElse(false)) {
            message = THROTTLED;
        } else if (send) {
            message = SENT;
        } else {
            message = decision.map(TokenServiceClient.Decision::hasLink).orElse(false) ? GENERATED : GENERATED_PENDING;
        }
        log.info("console: admin {} {} a reset link for user {} of tenant {} (request {})", admin.id(),
                send ? "sent" : "generated", user.id(), admin.tenantId(), result.requestId());
        notices.leave(admin, user.id(), message);
        return "redirect:/admin/users/" + user.id();
    }

    /** The Copy Link button reports each copy: a copied link is a credential handed out. */
    @PostMapping("/admin/users/{id}/link-copies")
    ResponseEntity<Void> copied(@SessionAttribute(ConsoleSession.ADMIN) AdminPrincipal admin, @PathVariable String id,
            @RequestParam(name = "linkId", required = false) String linkId) {
        User user = user(admin, id);
        String copied = linkId == null || linkId.isBlank() || linkId.length() > 100 ? null : linkId;
        LinkView latest = latest(admin, user);
        boolean same = latest.live() && latest.linkId().equals(copied);
        boolean recorded = reveals.record(admin, user.id(), LinkReveals.Action.COPIED, copied,
                same ? latest.requestId() : null, same ? latest.issuedEventId() : null);
        return ResponseEntity.status(recorded ? HttpStatus.NO_CONTENT : HttpStatus.SERVICE_UNAVAILABLE).build();
    }

    /** The newest status message of the reuse window: an admin's own action, or a reset the portal asked for. */
    private Optional<Notices.Notice> notice(AdminPrincipal admin, User user, Tenant tenant, List<TimelineEntry> entries) {
        Optional<Notices.Notice> own = notices.current(admin.tenantId(), user.id(), tenant.reuseWindow());
        Optional<Notices.Notice> portal = PortalNotices.from(entries, clock.instant().minus(tenant.reuseWindow()));
        if (own.isEmpty()) {
            return portal;
        }
        return portal.filter(p -> p.at().isAfter(own.get().at())).or(() -> own);
    }

    private LinkView latest(AdminPrincipal admin, User user) {
        try {
            TokenServiceClient.LatestLink latest = tokens.latest(admin.tenantId(), user.id());
            return latest.live() ? new LinkView("LIVE", latest.link(), latest.linkId(), latest.expiresAt(),
                    latest.requestId(), latest.issuedEventId()) : LinkView.NONE;
        } catch (RuntimeException e) {
            log.warn("console: latest link of user {} unavailable: {}", user.id(), e.getClass().getSimpleName());
            return LinkView.UNAVAILABLE;
        }
    }

    private List<Field> ownFields(AdminPrincipal admin) {
        return directory.fields(admin.tenantId()).stream().filter(f -> !f.builtIn()).toList();
    }

    private User user(AdminPrincipal admin, String id) {
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ConsoleAdvice.NotFound();
        }
        return directory.findById(admin.tenantId(), userId).orElseThrow(ConsoleAdvice.NotFound::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
