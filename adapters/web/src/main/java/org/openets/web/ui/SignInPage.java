package org.openets.web.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
public class SignInPage {
    @GetMapping("/login")
    String login() { return "login"; }
}
