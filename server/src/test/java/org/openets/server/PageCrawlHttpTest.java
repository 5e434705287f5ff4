package org.openets.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in as each kind of person the demo has (a national and a pilot administrator, the auditor, a covered entity's
 * initiator and approver, a read-only representative, a trading account's holder, a verifier) and as the public, and
 * follows, breadth-first, every link and GET form of the application from the landing page and the header, each page in
 * Chinese and in English. Every page answers without a server error; a link the application rendered never leads to a
 * 404 nor to a page the person may not open (403); no page shows an unresolved message ({@code ??key_locale??}),
 * {@code null} or template syntax; a Chinese page's main text shows no English text of a message that has a Chinese one,
 * and an English page's header no Chinese; and no GET writes to the database. Then each person asks for the pages the
 * others reached: each answers the page, or the application's own refusal page in the person's language (the public is
 * sent to sign in). Downloads are checked for their status only. Works with a login of its own ({@code crawl-reader},
 * read-only on cn-alu-2) and changes nothing else.
 */
class PageCrawlHttpTest extends ServerTestBase {
    static final int MAX_PAGES = 300, PER_SHAPE = 2, THREADS = 3;
    static final List<String> LANGS = List.of("zh-CN", "en");
    static final String READER = "crawl-reader";

    /** Who crawls: a label for the report and the login (null: the public). */
    record Who(String label, String login) {}

    static final List<Who> PEOPLE = List.of(
            new Who("administrator CN", "admin-cn"),
            new Who("administrator GD", "admin-gd"),
            new Who("auditor", "auditor"),
            new Who("initiator", "cn-power-1-init"),
            new Who("approver", "cn-power-1-appr"),
            new Who("read-only", READER),
            new Who("trading holder", "cn-trader-1-init"),
            new Who("verifier", "verifier-1"),
            new Who("public", null));

    /** A page fetched: the status, content type and body of the last answer, where redirects ended, and whether it wrote. */
    record Fetched(int status, String type, String body, String finalPath, boolean wrote) {
        boolean html() { return type.startsWith("text/html"); }
    }

    /** The pages each person reached, in the order reached (for the second test). */
    private static Map<String, List<String>> reached;
    private static List<String> crawlFailures;

    // ------------------------------------------------------------------------------------------------------------ tests

    @Test
    void every_page_reachable_from_the_landing_page_answers_in_both_languages_with_no_broken_link_or_unresolved_text() {
        crawlAll();
        assertThat(reached.values().stream().mapToInt(List::size).sum()).as("pages crawled").isGreaterThan(100);
        assertThat(reached.get("administrator CN")).contains("/accounts", "/admin/issuance", "/public/report");
        assertThat(crawlFailures).as("problems found by the crawl (user lang url -> problem)").isEmpty();
    }

    @Test
    void a_page_another_person_reached_answers_the_page_or_the_applications_refusal_in_the_persons_language() {
        crawlAll();
        // the shapes of pages anyone reached, one each
        Map<String, String> byShape = new LinkedHashMap<>();
        reached.values().forEach(paths -> paths.forEach(p -> byShape.putIfAbsent(shape(p), p)));
        Map<String, Integer> refused = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> failures = inParallel(who -> probe(who, byShape.values(), refused));
        // the probe did meet refusals (an initiator may not open the administrators' pages)
        assertThat(refused.getOrDefault("initiator", 0)).as("pages refused to the initiator").isPositive();
        assertThat(failures).as("pages asked for by people who did not reach them (user lang url -> problem)").isEmpty();
    }

    /** One person asks for the pages of the others' shapes that they did not reach themselves, each in one language. */
    List<String> probe(Who who, java.util.Collection<String> paths, Map<String, Integer> refused) {
        List<String> failures = new ArrayList<>();
        String cookie = who.login() == null ? null : session(who.login()).cookie();
        Set<String> own = new LinkedHashSet<>(reached.get(who.label()));
        int n = 0;
        for (String path : paths) {
            if (own.contains(path) || statusOnly(path)) continue;
            // the languages take turns
            String lang = LANGS.get(n++ % LANGS.size());
            Fetched f = fetch(cookie, lang, path, false);
            String where = who.label() + " " + lang + " " + path + " -> ";
            if (f.status() >= 500) failures.add(where + f.status());
            else if (path.startsWith("/api/")) {
                // the API answers a refusal in problem+json, to people as to programs
                if (f.status() >= 400 && !f.type().startsWith("application/problem+json")) failures.add(where + f.status() + " is not a problem+json answer");
                continue;
            } else if (who.login() == null) {
                if (f.status() != 200 && !f.finalPath().startsWith("/login")) failures.add(where + f.status() + " (the public is sent to sign in, not refused)");
            } else if (f.finalPath().startsWith("/login") && !path.startsWith("/login")) failures.add(where + "signed out (ended at " + f.finalPath() + ")");
            else if (f.status() == 403 || f.status() == 404) {
                if (f.status() == 403) refused.merge(who.label(), 1, Integer::sum);
                if (!f.html() || !f.body().contains("id=\"error\"")) failures.add(where + f.status() + " is not the application's error page");
                else if (lang.equals("zh-CN") && !f.body().contains("<html lang=\"zh\"")) failures.add(where + f.status() + " refusal page is not in Chinese");
                else if (lang.equals("en") && HAN.matcher(visibleText(main(f.body()))).find()) failures.add(where + f.status() + " refusal page has Chinese in English");
            } else if (f.status() != 200 && f.status() != 400) failures.add(where + f.status());
            if (f.html()) checkTexts(failures, where, lang, f.body());
        }
        return failures;
    }

    /** Each person's work on a few threads; the failures in the people's order. */
    List<String> inParallel(java.util.function.Function<Who, List<String>> work) {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
        try {
            List<java.util.concurrent.Future<List<String>>> each = new ArrayList<>();
            for (Who who : PEOPLE) each.add(pool.submit(() -> work.apply(who)));
            List<String> out = new ArrayList<>();
            for (var f : each) out.addAll(f.get());
            return out;
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------------- the crawl

    synchronized void crawlAll() {
        if (reached != null) return;
        prepareReader();
        // the watch on writes sees a transaction that writes (takes a transaction id)
        long before = nextXid();
        text("SELECT pg_current_xact_id()::text");
        assertThat(nextXid()).as("the next transaction id after a write").isGreaterThan(before);
        Map<String, List<String>> paths = new java.util.concurrent.ConcurrentHashMap<>();
        long started = System.nanoTime();
        List<String> failures = inParallel(who -> {
            List<String> mine = new ArrayList<>();
            paths.put(who.label(), crawl(who, mine));
            return mine;
        });
        System.out.printf("page crawl: %d pages (each in %d languages) in %d ms%n", paths.values().stream().mapToInt(List::size).sum(),
                LANGS.size(), (System.nanoTime() - started) / 1_000_000);
        // a GET that wrote while the others crawled: asked again, alone, to tell it from the others' and the scheduled jobs' writes
        for (String[] w : WROTE) {
            Fetched again = fetch(w[1], w[2], w[3], true);
            if (again.wrote()) failures.add(w[0] + " " + w[2] + " " + w[3] + " -> a GET changed the database (asked again alone)");
        }
        System.out.printf("  %d GETs seen near a write, asked again alone%n", WROTE.size());
        PEOPLE.forEach(who -> System.out.printf("  %-18s %d pages%n", who.label(), paths.get(who.label()).size()));
        reached = paths;
        crawlFailures = failures;
        TIMES.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> System.out.printf("  slow %6d ms %s%n", e.getValue(), e.getKey()));
        failures.forEach(f -> System.out.println("  CRAWL " + f));
    }

    /** A person of its own, read-only on cn-alu-2 (granted by its administrator). */
    void prepareReader() {
        if (count("SELECT count(*) FROM representative WHERE actor = ?", READER) > 0) return;
        HttpResponse<String> added = postJson("/api/v1/people", "admin-cn", """
                {"login":"%s","displayName":"只读 爬行","password":"%s"}""".formatted(READER, PASSWORD));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        choosesOwnPassword(READER, PASSWORD);
        HttpResponse<String> granted = postJson("/api/v1/accounts/" + accountOf("cn-alu-2") + "/representatives", "admin-cn",
                "{\"login\":\"" + READER + "\",\"role\":\"READ_ONLY\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
    }

    /** One person's breadth-first crawl in both languages; returns the pages reached. */
    List<String> crawl(Who who, List<String> failures) {
        String cookie = who.login() == null ? null : session(who.login()).cookie();
        Deque<String[]> queue = new ArrayDeque<>(); // {path, the page that linked to it}
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> shapes = new HashMap<>();
        List<String> pages = new ArrayList<>();
        List<String[]> wrote = new ArrayList<>();
        offer(queue, seen, shapes, "/", "(landing page)");
        while (!queue.isEmpty() && pages.size() < MAX_PAGES) {
            String[] next = queue.poll();
            String path = next[0], from = next[1];
            pages.add(path);
            // a download (its status only) in one language; a page in each
            for (String lang : download(path) ? LANGS.subList(0, 1) : LANGS) {
                if (statusOnly(path) && !FETCHED_ONCE.add(path)) continue;
                Fetched f = fetch(cookie, lang, path, true);
                String where = who.label() + " " + lang + " " + path + " -> ";
                String linked = " (linked from " + from + ")";
                if (f.wrote() && f.status() < 400) wrote.add(new String[]{lang, path});
                if (f.status() >= 500) failures.add(where + f.status() + " server error" + linked);
                else if (f.status() == 404) failures.add(where + "404 broken link" + linked);
                else if (f.status() == 403) failures.add(where + "403 for a link the person was shown" + linked
                        + (f.html() && f.body().contains("id=\"error\"") ? "" : "; not the application's 403 page"));
                else if (f.status() >= 400) failures.add(where + f.status() + linked);
                else if (who.login() != null && f.finalPath().startsWith("/login")) {
                    failures.add(where + "the session ended (sent to " + f.finalPath() + ")" + linked);
                    cookie = session(who.login()).cookie();
                }
                if (!f.html() || statusOnly(path)) continue;
                checkTexts(failures, where, lang, f.body());
                // what the person is shown links to: followed from where the page ended (a redirect's target)
                if (f.status() == 200) for (String link : links(f.body(), f.finalPath())) offer(queue, seen, shapes, link, f.finalPath());
            }
        }
        for (String[] w : wrote) WROTE.add(new String[]{who.label(), cookie, w[0], w[1]});
        return pages;
    }

    void offer(Deque<String[]> queue, Set<String> seen, Map<String, Integer> shapes, String path, String from) {
        if (!seen.add(path)) return;
        if (skipped(path)) return;
        // links that differ only in numbers (ids, account numbers, years): the first few of each shape
        if (shapes.merge(shape(path), 1, Integer::sum) > PER_SHAPE) return;
        queue.add(new String[]{path, from});
    }

    /** Links that would end the session (sign out); POST forms are not followed at all. */
    static boolean skipped(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.startsWith("/logout") || p.contains("signout") || p.contains("sign-out");
    }

    /** Pages that are not the application's own (the API's description and its viewer): their status only. */
    static boolean statusOnly(String path) {
        return path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs");
    }

    /** The GETs during which the database was written: {who, session, language, path}. */
    static final List<String[]> WROTE = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The API's description and viewer, whoever asks: fetched once in a run. */
    static final Set<String> FETCHED_ONCE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static boolean download(String path) {
        return statusOnly(path) || path.startsWith("/api/") || path.matches("[^?]*\\.(csv|xlsx)(\\?.*)?");
    }

    static String shape(String path) { return path.replaceAll("[0-9]+", "9"); }

    // ------------------------------------------------------------------------------------------------------ fetching

    /** The page in a language (cookie), following the application's redirects; notes whether the database was written. */
    Fetched fetch(String session, String lang, String path, boolean watchWrites) {
        String cookies = (session == null ? "" : session + "; ") + "openets-lang=" + lang;
        String at = path;
        long before = watchWrites ? nextXid() : 0, started = System.nanoTime();
        HttpResponse<String> r = null;
        for (int hop = 0; hop < 6; hop++) {
            r = send(request(at, null).header("Cookie", cookies).GET().build());
            if (r.statusCode() < 300 || r.statusCode() >= 400) break;
            String location = r.headers().firstValue("Location").orElse(null);
            String next = location == null ? null : sameOrigin(location, at);
            if (next == null) break;
            at = next;
        }
        boolean wrote = watchWrites && nextXid() != before;
        TIMES.merge(path, (System.nanoTime() - started) / 1_000_000, Long::sum);
        return new Fetched(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), at, wrote);
    }

    static final Map<String, Long> TIMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The next transaction id the database will assign: moves only when a transaction writes. */
    long nextXid() {
        return Long.parseLong(text("SELECT pg_snapshot_xmax(pg_current_snapshot())::text"));
    }

    /** A link's path and query on this server, without the language (the crawl sets it), or null for another site. */
    String sameOrigin(String href, String base) {
        href = unescape(href.strip());
        if (href.isEmpty() || href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("javascript:") || href.startsWith("data:")) return null;
        // a reference of only a query replaces the page's query (RFC 3986; java.net.URI would drop the last segment)
        if (href.startsWith("?")) href = (base.contains("?") ? base.substring(0, base.indexOf('?')) : base) + href;
        URI resolved;
        try {
            resolved = URI.create("http://localhost:" + port + base).resolve(href.replace(" ", "%20"));
        } catch (IllegalArgumentException bad) {
            return href; // fetched as is: a link the server cannot parse shows as a failure
        }
        if (!"localhost".equals(resolved.getHost()) || resolved.getPort() != port) return null;
        String p = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
        String q = resolved.getRawQuery();
        if (q != null) {
            List<String> kept = new ArrayList<>();
            for (String pair : q.split("&")) if (!pair.isEmpty() && !pair.equals("lang") && !pair.startsWith("lang=")) kept.add(pair);
            if (!kept.isEmpty()) p += "?" + String.join("&", kept);
        }
        return p;
    }

    static final Pattern A_HREF = Pattern.compile("<a\\b[^>]*?\\shref\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    static final Pattern ATTR = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");
    static final Pattern INPUT = Pattern.compile("<(input|select|textarea)\\b([^>]*)>(.*?)(?=<input\\b|<select\\b|<textarea\\b|</form>|$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    /** The links (a href) and GET forms (as a browser submits them untouched) of a page. */
    List<String> links(String html, String base) {
        List<String> out = new ArrayList<>();
        Matcher a = A_HREF.matcher(html);
        while (a.find()) {
            String p = sameOrigin(a.group(1), base);
            if (p != null) out.add(p);
        }
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attrs = attrs(form.group(1));
            if (!attrs.getOrDefault("method", "get").equalsIgnoreCase("get")) continue;
            String action = sameOrigin(attrs.getOrDefault("action", "").isEmpty() ? base : attrs.get("action"), base);
            if (action == null) continue;
            // a GET form's fields replace the query of its action
            if (action.contains("?")) action = action.substring(0, action.indexOf('?'));
            String submitted = submitted(form.group(2));
            if (submitted != null) out.add(submitted.isEmpty() ? action : action + "?" + submitted);
        }
        return out;
    }

    /** A GET form's fields as a browser sends them unchanged, or null when it would not send (a required field empty). */
    static String submitted(String body) {
        List<String> pairs = new ArrayList<>();
        Matcher m = INPUT.matcher(body);
        while (m.find()) {
            String tag = m.group(1).toLowerCase(java.util.Locale.ROOT);
            Map<String, String> at = attrs(m.group(2));
            String name = at.get("name");
            if (name == null || at.containsKey("disabled")) continue;
            String value;
            if (tag.equals("select")) {
                value = null;
                Matcher o = OPTION.matcher(m.group(3));
                String first = null;
                while (o.find()) {
                    Map<String, String> oa = attrs(o.group(1));
                    if (first == null) first = oa.getOrDefault("value", "");
                    if (oa.containsKey("selected")) value = oa.getOrDefault("value", "");
                }
                if (value == null) value = first == null ? "" : first;
            } else if (tag.equals("textarea")) {
                String rest = m.group(3);
                int end = rest.toLowerCase(java.util.Locale.ROOT).indexOf("</textarea>");
                value = unescape(end < 0 ? "" : rest.substring(0, end));
            } else {
                String type = at.getOrDefault("type", "text").toLowerCase(java.util.Locale.ROOT);
                if (type.equals("submit") || type.equals("button") || type.equals("reset") || type.equals("image") || type.equals("file")) continue;
                if ((type.equals("checkbox") || type.equals("radio")) && !at.containsKey("checked")) continue;
                value = unescape(at.getOrDefault("value", type.equals("checkbox") || type.equals("radio") ? "on" : ""));
            }
            if (at.containsKey("required") && value.isEmpty()) return null;
            pairs.add(URLEncoder.encode(unescape(name), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    static Map<String, String> attrs(String s) {
        Map<String, String> out = new HashMap<>();
        Matcher m = ATTR.matcher(s);
        while (m.find()) {
            String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
            out.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), v);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------ the texts

    static final Pattern UNRESOLVED = Pattern.compile("\\?\\?[^?\\s<>\"]*\\?\\?");
    static final Pattern NULL_WORD = Pattern.compile("(?<![A-Za-z_])null(?![A-Za-z_])");
    static final Pattern SHOWN_ATTR = Pattern.compile("\\s(?:title|placeholder|aria-label|alt)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    static final Pattern ASCII_PUNCTUATION_BY_HAN = Pattern.compile("\\p{IsHan}[:,;]|\\p{IsHan} ?\\(|\\(\\p{IsHan}|\\p{IsHan}\\)|\\)\\p{IsHan}");
    /** At least three English words in a row (the words of a message between its placeholders). */
    static final Pattern ENGLISH_WORDS = Pattern.compile("[A-Za-z]+(?:[ ,;:'’-]+[A-Za-z]+){2,}");

    void checkTexts(List<String> failures, String where, String lang, String html) {
        Matcher unresolved = UNRESOLVED.matcher(html);
        if (unresolved.find()) failures.add(where + "unresolved message " + unresolved.group());
        String text = visibleText(html);
        StringBuilder shown = new StringBuilder(text);
        Matcher attr = SHOWN_ATTR.matcher(html);
        while (attr.find()) shown.append(" | ").append(unescape(attr.group(1)));
        String all = shown.toString();
        Matcher nul = NULL_WORD.matcher(all);
        if (nul.find()) failures.add(where + "\"null\" shown: …" + around(all, nul.start()) + "…");
        for (String syntax : List.of("${", "#{", "*{", "[[", "[(")) {
            int at = all.indexOf(syntax);
            if (at >= 0) failures.add(where + "template syntax " + syntax + " shown: …" + around(all, at) + "…");
        }
        if (lang.equals("zh-CN")) {
            if (text.contains("??")) failures.add(where + "\"??\" shown: …" + around(text, text.indexOf("??")) + "…");
            // the error page's English detail is folded away under a Chinese summary, on purpose; and text the page
            // declares English (lang="en": a refusal's detail as recorded, a server's English detail) is data, not a
            // message left untranslated
            String mainText = visibleText(main(html).replaceAll("(?is)<details\\b.*?</details>", " ")
                    .replaceAll("(?is)<(\\w+)\\b[^>]*\\blang=\"en\"[^>]*>.*?</\\1>", " "));
            for (Map.Entry<String, String> e : englishOnly().entrySet())
                if (mainText.contains(e.getKey())) failures.add(where + "English text of " + e.getValue() + " on a Chinese page: \"" + e.getKey() + "\"");
            // Chinese text is punctuated in full width (：，（）): an ASCII colon, comma or parenthesis against a Chinese
            // character is a template joining parts with English punctuation (原因: …, #3 运行,, (自愿注销账户))
            Matcher ascii = ASCII_PUNCTUATION_BY_HAN.matcher(mainText);
            if (ascii.find()) failures.add(where + "ASCII punctuation in Chinese text: …" + around(mainText, ascii.start()) + "…");
        } else {
            String header = header(html)
                    .replaceAll("(?s)<span id=\"who\"[^>]*>.*?</span>", "")         // the person's name (data)
                    .replaceAll("(?s)<a id=\"lang-zh\"[^>]*>.*?</a>", "");           // the switch to Chinese, in Chinese
            Matcher han = HAN.matcher(visibleText(header));
            if (han.find()) failures.add(where + "Chinese in the English header: …" + around(visibleText(header), han.start()) + "…");
        }
    }

    static String around(String s, int at) {
        return s.substring(Math.max(0, at - 40), Math.min(s.length(), at + 40)).replaceAll("\\s+", " ");
    }

    static String main(String html) {
        int from = html.indexOf("<main"), to = html.lastIndexOf("</main>");
        return from < 0 || to < from ? html : html.substring(from, to);
    }

    static String header(String html) {
        int from = html.indexOf("<header"), to = html.indexOf("</header>");
        return from < 0 || to < from ? "" : html.substring(from, to);
    }

    /** What a reader sees: the text outside tags, scripts and styles, with entities read. */
    static String visibleText(String html) {
        String s = html.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ").replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?s)<[^>]*>", " ");
        return unescape(s).replaceAll("\\s+", " ");
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) return s;
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp|#39);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos", "#39" -> "'";
                case "nbsp" -> " ";
                default -> new String(Character.toChars(e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> englishOnly;

    /**
     * The English texts of messages that have a Chinese text or none (runs of at least three words between the
     * placeholders), each with its key: on a Chinese page such a text is a message left untranslated.
     */
    static synchronized Map<String, String> englishOnly() {
        if (englishOnly != null) return englishOnly;
        Properties en = bundle("/messages_en.properties"), zh = bundle("/messages_zh_CN.properties");
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : new TreeSet<>(en.stringPropertyNames())) {
            // a key the Chinese bundle lacks shows the default (English) text; one whose Chinese text has no Chinese is meant so
            String zhText = zh.getProperty(key, "");
            if (zh.containsKey(key) && !HAN.matcher(zhText).find()) continue;
            String text = en.getProperty(key).replace("''", "'").replaceAll("<[^>]*>", " ").replaceAll("\\{[^}]*\\}", "|");
            Matcher words = ENGLISH_WORDS.matcher(text);
            while (words.find()) {
                String p = words.group();
                if (p.length() >= 16 && !zhText.contains(p)) out.putIfAbsent(p, key);
            }
        }
        return englishOnly = out;
    }

    static Properties bundle(String name) {
        Properties p = new Properties();
        try (InputStream in = PageCrawlHttpTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }
}
