package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.web.ui.ActionTexts;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded action in Chinese: Chinese words join without a space, a part left as recorded keeps its space, and a verb may read by its object. */
class ActionTextsTest {
    final ActionTexts texts = new ActionTexts(MessageBundlesTest.messageSource());

    @Test
    void chinese_words_join_and_what_stays_as_recorded_keeps_its_space() {
        assertThat(texts.action("READ transaction", Locale.SIMPLIFIED_CHINESE)).isEqualTo("查看交易");
        assertThat(texts.action("PROPOSE TRANSFER", Locale.SIMPLIFIED_CHINESE)).isEqualTo("提出转让");
        assertThat(texts.action("GET /api/v1/x", Locale.SIMPLIFIED_CHINESE)).isEqualTo("GET /api/v1/x");
        assertThat(texts.action("READ /api/v1/x", Locale.SIMPLIFIED_CHINESE)).isEqualTo("查看 /api/v1/x");
        assertThat(texts.action("FROB transaction", Locale.SIMPLIFIED_CHINESE)).isEqualTo("FROB 交易");
        assertThat(texts.action("LOGIN", Locale.SIMPLIFIED_CHINESE)).isEqualTo("LOGIN");
        assertThat(texts.action("GET /api/v1/x", Locale.ENGLISH)).isEqualTo("GET /api/v1/x");
    }

    @Test
    void opening_the_administration_pages_is_entering_them_and_opening_an_account_is_still_opening_it() {
        assertThat(texts.action("OPEN administration", Locale.SIMPLIFIED_CHINESE)).isEqualTo("进入管理功能");
        assertThat(texts.action("OPEN account", Locale.SIMPLIFIED_CHINESE)).isEqualTo("开立账户");
        assertThat(texts.action("OPEN administration", Locale.ENGLISH)).isEqualTo("OPEN administration");
        assertThat(texts.action("RUN journal verification", Locale.SIMPLIFIED_CHINESE)).isEqualTo("运行哈希链日志校验");
        // the controls' refusals read as the caps' do
        assertThat(texts.action("PROPOSE control change", Locale.SIMPLIFIED_CHINESE)).doesNotContain("control");
        assertThat(texts.action("READ controls", Locale.SIMPLIFIED_CHINESE)).isEqualTo("查看管控参数");
        // and the calendar's
        assertThat(texts.action("APPROVE calendar change", Locale.SIMPLIFIED_CHINESE)).doesNotContain("calendar").endsWith("工作日历修改");
        assertThat(texts.recorded(texts.action("WITHDRAW calendar change", Locale.SIMPLIFIED_CHINESE))).contains("WITHDRAW calendar change");
    }
}
