package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What an account's page offers its representative to choose from, instead of numbers to remember. */
class AccountPageHttpTest extends ServerTestBase {
    @Test
    void the_transfer_form_offers_the_accounts_on_the_trusted_list_that_are_active() {
        String acct = accountOf("cn-cement-1");
        HttpResponse<String> page = page("/accounts/" + acct, "cn-cement-1-init");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher list = Pattern.compile("<datalist id=\"transfer-to-trusted\">(.*?)</datalist>", Pattern.DOTALL).matcher(page.body());
        assertThat(list.find()).isTrue();
        List<String> offered = new ArrayList<>();
        Matcher option = Pattern.compile("<option value=\"([^\"]+)\"").matcher(list.group(1));
        while (option.find()) offered.add(option.group(1));
        List<String> active = new ArrayList<>();
        for (String n : text("SELECT string_agg(a.number, ',' ORDER BY a.number) FROM trusted_account t JOIN account a ON a.id = t.trusted_account_id "
                + "WHERE t.account_id = (SELECT id FROM account WHERE number = ?) AND t.activates_at <= now()", acct).split(",")) active.add(n);
        assertThat(offered).isNotEmpty().containsExactlyInAnyOrderElementsOf(active).doesNotContain(acct);
        assertThat(page.body()).contains("list=\"transfer-to-trusted\"");
    }
}
