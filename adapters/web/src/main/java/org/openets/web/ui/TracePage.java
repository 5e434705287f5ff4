package org.openets.web.ui;

import org.openets.web.Problem;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where a serial number has been (序列号追溯). */
@Controller
public class TracePage {
    private final RegistryDesk desk;
    private final Access access;

    public TracePage(RegistryDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    /** One movement; {@code readable}: the person may open its transaction (else the number is not a link). */
    public record StepRow(long transactionId, String type, String from, String to, String completedAt, boolean readable) {}

    @GetMapping("/serials")
    String trace(@RequestParam(required = false) String serial, Model model) {
        model.addAttribute("serial", serial == null ? "" : serial);
        if (serial == null || serial.isBlank()) return "trace";
        try {
            RegistryDesk.Trace t = desk.trace(access.current(), serial);
            RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
            model.addAttribute("trace", t);
            // who holds it now, by name and account type (a retirement, surrender or cancellation account: out of circulation)
            desk.find(t.holderNow() == null ? "" : t.holderNow()).ifPresent(a -> {
                model.addAttribute("holderName", a.holder());
                model.addAttribute("holderType", a.type().name());
                model.addAttribute("holderTerminal", a.type().isTerminal());
            });
            // what took the units out of circulation, when it is where they are now (for the holder who did it, too)
            if (t.left() != null) {
                model.addAttribute("leftId", Long.toString(t.left().transactionId()));
                model.addAttribute("leftAt", PageViews.time(t.left().completedAt()));
            }
            var p = access.current();
            model.addAttribute("steps", t.steps().stream().map(s -> new StepRow(s.transactionId(), s.type(), numbers.number(s.from()),
                    numbers.number(s.to()), PageViews.time(s.completedAt()), desk.mayRead(p, s, numbers))).toList());
        } catch (Problem e) {
            model.addAttribute("flash", PageSupport.Flash.of(e));
        }
        return "trace";
    }
}
