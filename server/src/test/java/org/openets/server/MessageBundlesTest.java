package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.allocation.Allocation;
import org.openets.allocation.Allocator;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.PopulationReader;
import org.openets.allocation.Ruleset;
import org.openets.allocation.Stage;
import org.openets.allocation.TraceStep;
import org.openets.allocation.TraceText;
import org.openets.allocation.UnitAllocation;
import org.openets.web.ui.AllocationTexts;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI's message bundles: English and Chinese have the same keys with the same placeholders, and an allocation
 * trace reads as Chinese on a Chinese page. The trace's sentences, rule names and words ({@code alloc.trace.*},
 * {@code alloc.rule.*}, {@code alloc.term.*}) are only in the Chinese bundle: their English is core's
 * {@link TraceText}, which the CLI, the API and the exports show. Likewise the refusal log's verbs and objects
 * ({@code audit.verb.*}, {@code audit.object.*}): their English is the recorded action itself.
 */
class MessageBundlesTest {
    static final Set<String> ZH_ONLY = Set.of("alloc.trace.", "alloc.rule.", "alloc.term.", "audit.verb.", "audit.object.");
    /** English left in a Chinese trace sentence: a word of three or more lowercase letters, units aside. */
    static final Pattern ENGLISH_WORD = Pattern.compile("(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])");
    static final Set<String> UNITS = Set.of("MWh", "tCO2", "GJ");

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> placeholders(String message) {
        Set<String> s = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)[^}]*}").matcher(message);
        while (m.find()) s.add(m.group(1));
        return s;
    }

    static AllocationTexts allocationTexts() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new AllocationTexts(messages);
    }

    /**
     * One Chinese term for each thing, as the national registry says it (docs/reference/ui-language.md): the other
     * spellings that crept in are gone, and stay gone.
     */
    @Test
    void chinese_says_each_thing_by_one_term() throws IOException {
        Properties zh = bundle("messages_zh_CN");
        Map<String, String> instead = Map.of(
                "登记簿管理员", "注册登记系统管理员", "(?<!注册)登记系统管理员", "注册登记系统管理员", "注册登记管理员", "注册登记系统管理员",
                "控排企业持有账户", "重点排放单位持有账户", "（UTC\\+8）", "（北京时间）", "审计人员", "审计员", "核查员", "核查人员");
        List<String> found = new ArrayList<>();
        for (String key : new TreeSet<>(zh.stringPropertyNames()))
            instead.forEach((other, term) -> {
                if (Pattern.compile(other).matcher(zh.getProperty(key)).find()) found.add(key + ": " + other + " (say " + term + ")");
            });
        assertThat(found).isEmpty();
        assertThat(zh.getProperty("detail.deny.transactionLogRun")).contains("注册登记系统管理员");
    }

    @Test
    void english_and_chinese_have_the_same_keys_and_placeholders() throws IOException {
        Properties base = bundle("messages"), en = bundle("messages_en"), zh = bundle("messages_zh_CN");
        assertThat(en.stringPropertyNames()).isEqualTo(base.stringPropertyNames());
        Set<String> shared = zh.stringPropertyNames().stream().filter(k -> ZH_ONLY.stream().noneMatch(k::startsWith)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(shared).as("keys of the Chinese bundle").isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        List<String> differ = new ArrayList<>();
        for (String k : shared) if (!placeholders(en.getProperty(k)).equals(placeholders(zh.getProperty(k)))) differ.add(k);
        assertThat(differ).as("keys whose placeholders differ between English and Chinese").isEmpty();
    }

    @Test
    void every_trace_sentence_has_its_chinese_with_the_same_placeholders_and_no_english_left() throws IOException {
        Properties zh = bundle("messages_zh_CN");
        AllocationTexts texts = allocationTexts();
        for (org.openets.allocation.Method m : org.openets.allocation.Method.values())
            assertThat(zh.getProperty("alloc.rule." + m.name())).as("the Chinese name of method " + m).isNotBlank();
        // the arguments marked as words exist in their sentences
        for (var t : TraceText.TERMS.entrySet()) {
            assertThat(TraceText.ENGLISH).containsKey(t.getKey());
            for (int i : t.getValue()) assertThat(placeholders(TraceText.ENGLISH.get(t.getKey()))).as(t.getKey()).contains(Integer.toString(i));
        }
        for (var e : TraceText.ENGLISH.entrySet()) {
            String chinese = zh.getProperty("alloc.trace." + e.getKey());
            assertThat(chinese).as("alloc.trace." + e.getKey()).isNotNull();
            assertThat(placeholders(chinese)).as(e.getKey()).isEqualTo(placeholders(e.getValue()));
            List<String> args = new ArrayList<>();
            for (int i = 0; i < placeholders(e.getValue()).size(); i++) args.add("4" + i + ".5");
            String line = texts.line(new TraceStep("BENCHMARK", e.getKey(), args, null, List.of()), Locale.SIMPLIFIED_CHINESE);
            assertThat(line).as(e.getKey()).startsWith("基准线法：").doesNotContain("{");
            for (String a : args) assertThat(line).as(e.getKey() + " keeps its numbers").contains(a);
            assertThat(english(line)).as(e.getKey()).isEmpty();
        }
    }

    static List<String> english(String line) {
        String sentence = line.contains(" ← ") ? line.substring(0, line.indexOf(" ← ")) : line; // the cited rows are data (keys and file:line)
        List<String> words = new ArrayList<>();
        Matcher m = ENGLISH_WORD.matcher(sentence);
        while (m.find()) if (UNITS.stream().noneMatch(u -> u.contains(m.group()))) words.add(m.group());
        return words;
    }

    /** Real allocations under bundled rulesets, every step in Chinese: a Chinese rule name, no English sentence, the same numbers. */
    @Test
    void an_allocation_trace_reads_as_chinese_with_the_same_numbers() {
        AllocationTexts texts = allocationTexts();
        String power = """
                unit_id,entity_id,entity_name,region,category,fuel,cooling,capacity_mw,generation_mwh,supply_mwh,heat_gj,heat_ratio,load_factor,verified_emissions_t
                U12,E1,Pearl River Power,GD,COAL_300_PLUS,COAL,AIR,600,3200000,3000000,,,0.70,2900000
                U13,E1,Pearl River Power,GD,,COAL,WATER,300,1500000,1400000,500000,0.2,0.90,1500000
                C1,E2,Shanxi Gangue Power,SX,UNCONVENTIONAL_COAL,UNCONVENTIONAL_COAL,WATER,135,700000,650000,,,0.80,800000
                G1,E3,Jiangsu Gas Power,JS,,GAS,WATER,390,1000000,960000,,,,420000
                """;
        List<TraceStep> steps = new ArrayList<>();
        Allocation a = new Allocator(Ruleset.bundled("CN-POWER-2019-2020")).allocate(2019, Stage.FINAL, PopulationReader.read(power));
        for (UnitAllocation u : a.units()) steps.addAll(u.trace());
        for (EntityAllocation e : a.entities()) steps.addAll(e.trace());
        Allocation pre = new Allocator(Ruleset.bundled("CN-POWER-2021-2022")).allocate(2021, Stage.PRE_ALLOCATION, PopulationReader.read(power));
        for (UnitAllocation u : pre.units()) steps.addAll(u.trace());
        Set<String> rules = new TreeSet<>();
        for (TraceStep s : steps) {
            String line = texts.line(s, Locale.SIMPLIFIED_CHINESE);
            rules.add(s.rule());
            assertThat(line).as(s.render()).doesNotStartWith(s.rule()).doesNotContain("{").contains("：");
            assertThat(english(line)).as(line).isEmpty();
            for (String arg : s.args()) if (arg.matches("-?[0-9.]+")) assertThat(line).as(s.render()).contains(arg);
            assertThat(s.unconfirmed()).isEqualTo(line.contains("[U]"));
            // English is core's own rendering
            assertThat(texts.line(s, Locale.ENGLISH)).isEqualTo(s.render());
        }
        assertThat(rules).contains("CATEGORY", "BENCHMARK", "COOLING", "LOAD", "ROUNDING", "FREE_PAID", "PRE_ALLOCATION");
        // a category code stays a code: only the words of a sentence are translated (the fuel, not the category it matched)
        assertThat(steps).filteredOn(s -> s.rule().equals("CATEGORY")).isNotEmpty().allSatisfy(s -> {
            String line = texts.line(s, Locale.SIMPLIFIED_CHINESE);
            assertThat(line).contains("→ " + s.args().getLast());
        });
        assertThat(steps).filteredOn(s -> s.rule().equals("CATEGORY") && s.args().getLast().equals("GAS")).isNotEmpty()
                .allSatisfy(s -> assertThat(texts.line(s, Locale.SIMPLIFIED_CHINESE)).contains("燃料 燃气", "→ GAS"));
        // one sentence in full: the benchmark on supply, the basis and the rounding mode in Chinese
        UnitAllocation u12 = a.units().stream().filter(l -> l.unit().unitId().equals("U12")).findFirst().orElseThrow();
        assertThat(u12.trace()).extracting(s -> texts.line(s, Locale.SIMPLIFIED_CHINESE))
                .anySatisfy(t -> assertThat(t).startsWith("基准线法：供电量 3000000 MWh × "))
                .anySatisfy(t -> assertThat(t).startsWith("冷却方式修正系数：空冷：× "))
                .anySatisfy(t -> assertThat(t).startsWith("取整：").contains("四舍五入"));
    }

    /** Every action the web layer records with a refusal reads as Chinese on the audit page: each verb and object has its words. */
    @Test
    void every_recorded_action_reads_as_chinese() throws IOException {
        org.openets.web.ui.ActionTexts texts = new org.openets.web.ui.ActionTexts(messageSource());
        List<String> actions = new ArrayList<>();
        // every string literal that reads like a recorded action: a verb (perhaps with a suffix) and perhaps an object in lower case
        Pattern recorded = Pattern.compile("\"((?:READ|LIST|PROPOSE|APPROVE|DECLINE|CANCEL|OPEN|GRANT|REVOKE|CHANGE_STATUS|TRUST|UNTRUST|TRACE|RUN|SUBMIT|CLOSE|RAISE|ANSWER"
                + "|STATE|AMEND|ADD|ASSIGN|DEFINE|EXPORT|CHECK|COMPARE|ISSUE|SET|DISABLE|WITHDRAW)(?:_[A-Z_]+)?(?: [a-z][a-z ]*)?)\"");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("..", "adapters", "web", "src", "main", "java"))) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = recorded.matcher(java.nio.file.Files.readString(f));
                while (m.find()) actions.add(m.group(1).strip());
            }
        }
        assertThat(actions).hasSizeGreaterThan(30).contains("READ transaction", "GRANT role", "RUN_WHAT_IF", "WITHDRAW issuance limit change");
        for (String type : new String[]{"TRANSFER", "REVERSAL transaction", "BATCH"}) actions.add("PROPOSE " + type);
        for (String a : actions) {
            String zh = texts.action(a, Locale.SIMPLIFIED_CHINESE);
            assertThat(zh).as(a).doesNotContainPattern("[A-Za-z]");
            assertThat(texts.action(a, Locale.ENGLISH)).isEqualTo(a);
        }
    }

    static ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void an_exact_figure_reads_with_thousands_and_at_most_four_decimals_and_says_when_it_is_rounded() {
        AllocationTexts texts = allocationTexts();
        assertThat(texts.exact(new java.math.BigDecimal("7079108.68800044543150000"))).isEqualTo("≈ 7,079,108.688");
        assertThat(texts.exact(new java.math.BigDecimal("493200.0000"))).isEqualTo("493,200");
        assertThat(texts.exact(new java.math.BigDecimal("4125000.000"))).isEqualTo("4,125,000");
        assertThat(texts.exact(new java.math.BigDecimal("0.12345"))).isEqualTo("≈ 0.1234");
        assertThat(texts.exact(new java.math.BigDecimal("12.5"))).isEqualTo("12.5");
    }

    /**
     * The endings of the keys a refusal builds ({@code "detail.unknownAccount." + field}): every value the expression can
     * have, by the key's beginning. A key built from something not listed here fails the test below until it is listed.
     */
    static final java.util.Map<String, List<String>> BUILT_KEYS = java.util.Map.of(
            "detail.unknownAccount.", List.of("from", "to", "pledgee"),
            "detail.required.", List.of("text", "description"),
            "detail.length.", List.of("text", "description"),
            "detail.yearText.", List.of("fromYear", "toYear"),
            "detail.role.granted.", names(org.openets.registry.Role.values()),
            "detail.role.notHeld.", names(org.openets.registry.Role.values()),
            "detail.status.unchanged.", names(org.openets.registry.AccountStatus.values()));

    static List<String> names(Enum<?>[] values) { return java.util.Arrays.stream(values).map(Enum::name).toList(); }

    /**
     * The message keys the web layer's refusals say: every string literal {@code "detail.…"} in its sources (a key is
     * letters and dots), whether given to {@code .say(…)} directly or chosen there ({@code whatIf ? "detail.a" : "detail.b"});
     * a key that ends with a dot is completed by the expression after it ({@link #BUILT_KEYS}).
     */
    static Set<String> saidKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        Pattern said = Pattern.compile("\"(detail\\.[A-Za-z][A-Za-z.]*)\"( \\+ [A-Za-z.()]+)?");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("..", "adapters", "web", "src", "main", "java"))) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = said.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) {
                        assertThat(m.group(2)).as("a whole key, not the beginning of one: " + m.group(1) + " in " + f).isNull();
                        keys.add(m.group(1));
                        continue;
                    }
                    assertThat(BUILT_KEYS).as("the endings of " + m.group(1) + m.group(2) + " in " + f).containsKey(m.group(1));
                    for (String ending : BUILT_KEYS.get(m.group(1))) keys.add(m.group(1) + ending);
                }
            }
        }
        return keys;
    }

    /** Every detail message a refusal says ({@code .say("detail.…")} in the web layer) is in both languages, with the same placeholders. */
    @Test
    void every_detail_a_refusal_says_is_in_both_languages() throws IOException {
        Properties en = bundle("messages_en"), zh = bundle("messages_zh_CN");
        Set<String> keys = saidKeys();
        assertThat(keys).hasSizeGreaterThan(180).contains("detail.unknownAccount.to", "detail.retire.beneficiaryPurpose", "detail.deny.initiate",
                "detail.role.granted.APPROVER", "detail.status.unchanged.SUSPENDED", "detail.required.description", "detail.deny.whatIfMaker");
        // and what the registry's checks say (core: Failure.says("reject.…"); an account's status completes reject.notOpen.)
        Matcher says = Pattern.compile("\"(reject\\.[A-Za-z.]+)\"").matcher(java.nio.file.Files.readString(
                java.nio.file.Path.of("..", "core", "registry", "src", "main", "java", "org", "openets", "registry", "internal", "Checks.java")));
        int registry = 0;
        while (says.find()) {
            registry++;
            if (says.group(1).endsWith(".")) for (org.openets.registry.AccountStatus st : org.openets.registry.AccountStatus.values()) keys.add(says.group(1) + st.name());
            else keys.add(says.group(1));
        }
        assertThat(registry).isGreaterThan(10);
        for (String k : keys) {
            assertThat(en.getProperty(k)).as(k).isNotBlank();
            assertThat(zh.getProperty(k)).as(k).isNotBlank();
            assertThat(placeholders(zh.getProperty(k))).as(k).isEqualTo(placeholders(en.getProperty(k)));
            // a message with arguments is a MessageFormat pattern: it formats, and keeps its quotes ('' for ')
            if (placeholders(en.getProperty(k)).isEmpty()) continue;
            Object[] args = {"A0", "A1", "A2", "A3"};
            for (String message : List.of(en.getProperty(k), zh.getProperty(k))) {
                String formatted = new java.text.MessageFormat(message, Locale.ROOT).format(args);
                assertThat(formatted).as(k).doesNotContain("{").contains("A" + placeholders(message).iterator().next());
                assertThat(formatted.chars().filter(c -> c == '\'').count()).as(k + ": quotes kept").isEqualTo(message.replace("''", "'").chars().filter(c -> c == '\'').count());
            }
        }
    }

    /** Every code the registry rejects a transaction with has its meaning in every language: a history shows it next to the code. */
    @Test
    void every_rejection_code_has_its_meaning_in_every_language() throws IOException {
        Properties base = bundle("messages"), en = bundle("messages_en"), zh = bundle("messages_zh_CN");
        for (org.openets.registry.Rejection r : org.openets.registry.Rejection.values()) {
            String k = "problem." + r.name();
            assertThat(base.getProperty(k)).as(k).isNotBlank();
            assertThat(en.getProperty(k)).as(k).isNotBlank();
            assertThat(zh.getProperty(k)).as(k).isNotBlank().isNotEqualTo(en.getProperty(k));
        }
    }

    // ---------------------------------------------------------------------------------------------- every refusal says why

    /** Where a refusal is made: the Problem factories, its constructor, and the desks' {@code refuse(…)} helpers (403, recorded). */
    static final Pattern MAKES_A_REFUSAL = Pattern.compile("Problem\\.(?:badRequest|unprocessable|notFound|forbidden)\\(|new Problem\\(|(?<![\\w.]|Problem )refuse\\(|\\.refuse\\(");

    /**
     * The statements that make a refusal without saying it, each for a reason: they pass on a code and a detail that
     * were made elsewhere, where what to say is known (or nothing can be said in the web layer). By file, the statement
     * as written (whitespace collapsed) from where the refusal is made.
     */
    static final java.util.Map<String, Set<String>> PASSES_ON = java.util.Map.of(
            // the refuse helpers make the 403 their callers describe: every call of refuse(…) is checked instead, and says why
            "AllocationDesk.java", Set.of("Problem.forbidden(code, detail)",
                    // the allocation service's refusal (AllocationRefused: its code and English message); the page shows
                    // the code's problem.<CODE> in Chinese, the message folded under 详情
                    "new Problem(status, e.code(), e.getMessage())"),
            "MrvRegisterDesk.java", Set.of("Problem.forbidden(code, detail)",
                    // the MRV register's refusal (EmissionsResult.Refused: code and English detail); problem.<CODE> on the page
                    "new Problem(status, x.code(), x.detail())"),
            "EmissionsDesk.java", Set.of("Problem.forbidden(code, detail)",
                    // the emissions service's refusal (EmissionsResult.Refused: code and English detail); problem.<CODE> on the page
                    "refuse(p, action, target, code, detail)", "new Problem(HttpStatus.CONFLICT, code, detail)",
                    "Problem.notFound(code, detail)", "Problem.unprocessable(code, detail)"),
            "RegistryDesk.java", Set.of("Problem.forbidden(code, detail)",
                    // the registry's rejection (Outcome.Rejected): its callers say the registry's own message key (reject.*) where it has one
                    "refuse(p, action, target, code.name(), detail)", "new Problem(status, code.name(), detail == null ? code.name() : detail)"));

    /**
     * The source with comments and the insides of string and character literals blanked (same length, same lines), so
     * that parentheses and words are only the code's.
     */
    static String code(String source) {
        StringBuilder b = new StringBuilder(source);
        int i = 0, n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') b.setCharAt(i++, ' ');
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) if (source.charAt(i) != '\n') b.setCharAt(i, ' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                for (i += 3; i < end; i++) if (source.charAt(i) != '\n') b.setCharAt(i, ' ');
                i += 3;
            } else if (c == '"' || c == '\'') {
                for (i++; i < n && source.charAt(i) != c; i++) {
                    if (source.charAt(i) == '\\') b.setCharAt(i++, ' ');
                    b.setCharAt(i, ' ');
                }
                i++;
            } else i++;
        }
        return b.toString();
    }

    /**
     * Where the statement that starts at {@code from} ends: its {@code ;}, or the {@code )} that closes the call it is an
     * argument of (a lambda's body: {@code orElseThrow(() -> Problem.notFound(…).say(…))}), whichever comes first outside
     * parentheses of its own.
     */
    static int statementEnd(String code, int from) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) return i;
                depth--;
            } else if (c == ';' && depth == 0) return i;
        }
        return code.length();
    }

    /** The refusals a file makes that do not say why: each as {@code line: statement}, with those it passes on (above) left out. */
    static List<String> unsaid(String fileName, String source, Set<String> passedOnSeen) {
        String code = code(source);
        List<String> out = new ArrayList<>();
        Matcher m = MAKES_A_REFUSAL.matcher(code);
        while (m.find()) {
            int start = m.group().startsWith(".") ? m.start() + 1 : m.start();
            int end = statementEnd(code, start);
            String statement = source.substring(start, end).replaceAll("\\s+", " ").strip();
            if (code.substring(start, end).contains(".say(")) continue;
            if (PASSES_ON.getOrDefault(fileName, Set.of()).contains(statement)) {
                passedOnSeen.add(fileName + ": " + statement);
                continue;
            }
            out.add(fileName + ":" + (source.substring(0, start).chars().filter(ch -> ch == '\n').count() + 1) + ": " + statement);
        }
        return out;
    }

    /**
     * Every refusal that a page can show says why in the UI's messages ({@code .say("detail.…")}), so that a Chinese page
     * shows it in Chinese: each statement in the desks and the pages that makes one ({@link #MAKES_A_REFUSAL}) calls
     * {@code .say(} before the statement ends. The desks are shared by the API and the pages, so all of them; the few
     * statements that pass on someone else's code and detail are listed, with their reasons ({@link #PASSES_ON}).
     */
    @Test
    void every_refusal_a_page_can_show_says_why() throws IOException {
        java.nio.file.Path web = java.nio.file.Path.of("..", "adapters", "web", "src", "main", "java", "org", "openets", "web");
        List<String> unsaid = new ArrayList<>();
        Set<String> passedOn = new TreeSet<>();
        int files = 0;
        for (String dir : new String[]{"desk", "ui"}) {
            try (var paths = java.nio.file.Files.list(web.resolve(dir))) {
                for (java.nio.file.Path f : paths.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    unsaid.addAll(unsaid(f.getFileName().toString(), java.nio.file.Files.readString(f), passedOn));
                }
            }
        }
        assertThat(files).isGreaterThan(20);
        assertThat(unsaid).as("refusals that do not say why (add .say(\"detail.…\", args…) and the message to both bundles)").isEmpty();
        // the list of what is passed on names only statements that are there
        Set<String> listed = new TreeSet<>();
        PASSES_ON.forEach((f, statements) -> statements.forEach(st -> listed.add(f + ": " + st)));
        assertThat(passedOn).as("statements passed on, as listed").isEqualTo(listed);
    }

    /** The scanner itself: where a statement ends, and that a refusal without .say( is found while comments and strings are not. */
    @Test
    void the_refusal_scanner_finds_a_refusal_that_says_nothing() {
        String source = """
                class X {
                    // Problem.notFound("NOPE", "a comment") is not code
                    void a() {
                        if (x) throw Problem.badRequest("VALIDATION_FAILED", "a (bracket; and a semicolon)").say("detail.a");
                        T t = find(id).orElseThrow(() -> Problem.notFound("UNKNOWN", "no " + id).say("detail.b", id));
                        U u = find(id).orElseThrow(() -> Problem.notFound("UNKNOWN", "no " + id)); String s = x.say("not this one");
                        throw desk.refuse(p, "READ", "-", "NOT_AUTHORISED", p.login() + " may not")
                                .say("detail.c");
                        throw refuse(p, "READ", "-", "NOT_AUTHORISED", "nobody may");
                    }
                    Problem refuse(Permissions p, String action, String target, String code, String detail) { return null; }
                }
                """;
        assertThat(unsaid("X.java", source, new TreeSet<>())).containsExactly(
                "X.java:6: Problem.notFound(\"UNKNOWN\", \"no \" + id)",
                "X.java:9: refuse(p, \"READ\", \"-\", \"NOT_AUTHORISED\", \"nobody may\")");
    }
}
