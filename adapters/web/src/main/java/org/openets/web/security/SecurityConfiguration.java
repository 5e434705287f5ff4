package org.openets.web.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.openets.web.BodyLimitFilter;
import org.openets.web.ControlCharacters;
import org.openets.web.ParameterTextFilter;
import org.openets.web.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Two ways in. The API ({@code /api/**}) takes a bearer token, HTTP Basic or the page session, and answers
 * refusals with problem+json; CSRF tokens are needed when a browser session is what signs the request in, and a
 * state-changing request that another site's page sent (Origin or Referer) is refused whatever signs it in
 * ({@link OriginCheckFilter}). A 401 challenges for a bearer token only, so that browsers never ask for a password. The pages use a form login and a session, with CSRF on every form. Anonymous visitors reach the
 * public report, the API description and the health check. Every 401 and 403 is recorded for the auditors.
 */
@Configuration
public class SecurityConfiguration {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    public PasswordEncoder passwordEncoder() {
        // bcrypt by default; reads {argon2}, {pbkdf2}, ... hashes too, so the default can move on without a reset
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Password sign-in (form and HTTP Basic). The password is checked before the account's state: a disabled login runs
     * the same bcrypt as any other before it is refused, so neither the answer (BAD_CREDENTIALS) nor its timing tells
     * a disabled login from a wrong password; a wrong password for a disabled login counts towards the throttle like any.
     * The checks of one login under way count towards the throttle: sent all at once, the sixth wrong password meets
     * the lock ({@link LoginThrottle#begin}).
     */
    @Bean
    public org.springframework.security.authentication.dao.DaoAuthenticationProvider passwordSignIn(UserDetailsService users, PasswordEncoder encoder,
                                                                                                   LoginThrottle throttle) {
        // the throttle asked first, counting the checks of this login under way; a failure counted before the check ends
        var p = new org.springframework.security.authentication.dao.DaoAuthenticationProvider(users) {
            @Override public org.springframework.security.core.Authentication authenticate(org.springframework.security.core.Authentication a) {
                String login = a.getName();
                LoginThrottle.Check check = throttle.begin(login)
                        .orElseThrow(() -> new org.springframework.security.authentication.LockedException("too many failed or simultaneous sign-ins of this login"));
                try {
                    return super.authenticate(a);
                } catch (BadCredentialsException e) {
                    throttle.failed(login);
                    throw e;
                } finally {
                    check.close();
                }
            }
        };
        p.setPasswordEncoder(encoder);
        p.setPreAuthenticationChecks(user -> { });
        p.setPostAuthenticationChecks(new org.springframework.security.authentication.AccountStatusUserDetailsChecker());
        return p;
    }

    @Bean
    public UserDetailsService userDetailsService(Users users) {
        // a login with a control character names nobody; it is not looked up (PostgreSQL cannot even take a NUL)
        return login -> (ControlCharacters.find(login) >= 0 ? java.util.Optional.<SignedInUser>empty() : users.find(login))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    public FilterRegistrationBean<org.openets.web.SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<org.openets.web.SecurityHeaders> r = new FilterRegistrationBean<>(new org.openets.web.SecurityHeaders(CONTENT_SECURITY_POLICY));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return r;
    }

    @Bean
    public FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(@Value("${openets.web.max-body-bytes:65536}") long limit,
                                                            @Value("${openets.web.max-upload-bytes:10485760}") long uploadLimit) {
        FilterRegistrationBean<BodyLimitFilter> r = new FilterRegistrationBean<>(new BodyLimitFilter(limit, uploadLimit));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        r.addUrlPatterns("/*");
        return r;
    }

    @Bean
    public FilterRegistrationBean<ParameterTextFilter> parameterTextFilter() {
        FilterRegistrationBean<ParameterTextFilter> r = new FilterRegistrationBean<>(new ParameterTextFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        r.addUrlPatterns("/*");
        return r;
    }

    @Bean
    @Order(1)
    public SecurityFilterChain apiSecurity(HttpSecurity http, TokenIssuer tokens, Refusals refusals, LoginThrottle throttle, Access access, Users users) throws Exception {
        // only a request that a session cookie signs in can be forged from another site
        RequestMatcher sessionSignedUnsafe = request -> !SAFE.contains(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getRequestedSessionId() != null;
        // the actuator too: metrics are for administrators and auditors, signed in as API clients are (a scraper uses a token or Basic)
        http.securityMatcher("/api/**", "/actuator/**")
                .headers(SecurityConfiguration::headers)
                .addFilterBefore(new BearerTokenFilter(tokens, refusals), BasicAuthenticationFilter.class)
                .addFilterBefore(LoginThrottleFilter.basic(throttle, refusals), BasicAuthenticationFilter.class)
                .addFilterAfter(new OriginCheckFilter(refusals), BasicAuthenticationFilter.class)
                .addFilterBefore(new SessionCheckFilter(users, refusals, true), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) -> unauthenticated(req, res, e, refusals)))
                .csrf(c -> c.requireCsrfProtectionMatcher(sessionSignedUnsafe))
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/v1/public/**", "/api/v1/unit-types").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").access((auth, ctx) -> {
                            Permissions p = access.current();
                            return new AuthorizationDecision(p.auditor() || p.isAdministrator());
                        })
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> unauthenticated(req, res, ex, refusals))
                        .accessDeniedHandler(apiDenied(refusals)));
        return http.build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain pageSecurity(HttpSecurity http, Refusals refusals, LoginThrottle throttle, Users users) throws Exception {
        http.addFilterBefore(LoginThrottleFilter.form(throttle, refusals), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionCheckFilter(users, refusals, false), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .headers(SecurityConfiguration::headers)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/login", "/error", "/public/**", "/css/**", "/favicon.ico",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                // the default request cache: only a page asked for by GET is taken up after sign-in (a saved POST replayed
                // after sign-in would run without its CSRF check); it marks the landing with "?continue". A form sent after
                // its session ended is not run either: its person lands on its page, filled in again (UnsentForms)
                .formLogin(f -> f.loginPage("/login").successHandler(signedIn())
                        .failureHandler(loginFailed(refusals)).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.accessDeniedHandler(pageDenied(refusals)));
        return http.build();
    }

    /**
     * What a browser may load and send for the platform's pages: scripts, styles, fonts and frames from the platform
     * only (no inline script or style attribute; the charts are SVG with presentation attributes), images also as
     * data: URIs (the API explorer's icons), forms posted to the platform only, and no framing. The Referer goes to the
     * platform only.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static void headers(HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    private static void unauthenticated(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res, AuthenticationException e,
                                        Refusals refusals) throws java.io.IOException {
        String login = basicLogin(req);
        // every failure of a Basic login answers alike (a disabled or locked user must not be told apart from a wrong
        // password without the password); the refusal log keeps what it was
        boolean badCredentials = e instanceof BadCredentialsException || e instanceof UsernameNotFoundException;
        String code = login != null ? "BAD_CREDENTIALS" : "UNAUTHENTICATED";
        String detail = code.equals("BAD_CREDENTIALS") ? "wrong login or password" : "sign in with a bearer token, HTTP Basic or a session";
        String recorded = login != null && !badCredentials ? "SIGN_IN_FAILED" : code;
        refusals.record(login == null ? "anonymous" : login, req.getMethod() + " " + req.getRequestURI(), null, recorded,
                login != null && !badCredentials ? e.getClass().getSimpleName() + ": " + e.getMessage() : detail);
        // never a Basic challenge: a browser would ask for a password, then resend it with requests other sites make
        res.setHeader("WWW-Authenticate", "Bearer realm=\"openets\"");
        ProblemResponses.write(req, res, 401, code, detail);
    }

    private static AccessDeniedHandler apiDenied(Refusals refusals) {
        return (req, res, e) -> {
            SignedInUser u = Access.currentUser();
            String code = e instanceof CsrfException ? "CSRF_TOKEN_INVALID" : "FORBIDDEN";
            String detail = e instanceof CsrfException ? "a session-signed request needs the CSRF token" : "not allowed";
            refusals.record(u == null ? "anonymous" : u.login(), req.getMethod() + " " + req.getRequestURI(), null, code, detail);
            ProblemResponses.write(req, res, 403, code, detail);
        };
    }

    private static AccessDeniedHandler pageDenied(Refusals refusals) {
        return (req, res, e) -> {
            SignedInUser u = Access.currentUser();
            String code = e instanceof CsrfException ? "CSRF_TOKEN_INVALID" : "FORBIDDEN";
            refusals.record(u == null ? "anonymous" : u.login(), req.getMethod() + " " + req.getRequestURI(), null, code, e.getMessage());
            if (e instanceof CsrfException) {
                // nothing was done; a form of the person's own comes back filled in (after they sign in again, if they must)
                String back = UnsentForms.keep(req, res, u).orElse("/login?expired");
                res.sendRedirect(req.getContextPath() + back);
                return;
            }
            res.sendError(403);
        };
    }

    /**
     * Where a person lands once signed in: the page of the form they sent after their session ended, filled in again
     * (when they are the person who filled it in: {@link UnsentForms#resume}), else the page they asked for, else their
     * accounts.
     */
    private static org.springframework.security.web.authentication.AuthenticationSuccessHandler signedIn() {
        var asked = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        asked.setDefaultTargetUrl("/accounts");
        return (req, res, auth) -> {
            String login = auth.getPrincipal() instanceof SignedInUser u ? u.login() : auth.getName();
            var page = UnsentForms.resume(req, res, login);
            if (page.isEmpty()) {
                asked.onAuthenticationSuccess(req, res, auth);
                return;
            }
            new org.springframework.security.web.savedrequest.HttpSessionRequestCache().removeRequest(req, res);
            res.sendRedirect(req.getContextPath() + page.get());
        };
    }

    private static AuthenticationFailureHandler loginFailed(Refusals refusals) {
        return (req, res, e) -> {
            String login = LoginThrottleFilter.formLoginName(req); // as the password check read it (trimmed)
            // only a wrong login or password counts towards the sign-in throttle (LoginThrottle)
            boolean badCredentials = e instanceof BadCredentialsException || e instanceof UsernameNotFoundException;
            refusals.record(login == null || login.isBlank() || login.length() > 64 ? "anonymous" : login, "LOGIN", null,
                    badCredentials ? LoginThrottle.FAILURE : "SIGN_IN_FAILED", badCredentials ? "wrong login or password" : e.getMessage());
            res.sendRedirect(req.getContextPath() + "/login?error");
        };
    }

    /** The login a failed Basic header named, for the audit record. */
    static String basicLogin(HttpServletRequest req) {
        String h = req.getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String login = colon < 0 ? decoded : decoded.substring(0, colon);
            return login.isBlank() || login.length() > 64 ? null : login;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
