package org.openets.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies above a limit (64 KiB by default) with 413 PAYLOAD_TOO_LARGE: by the declared length
 * before anything is read, and, for bodies sent without a length, as soon as the reader passes the limit.
 * File uploads have their own, larger limit (10 MiB by default): a workbook (content type {@link #XLSX}) under
 * {@value #UPLOAD_PATH}, the page forms that send a file ({@link #FORM_UPLOADS}), and an allocation run's JSON (which
 * carries its population file) at {@value #RUNS_PATH}.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
    /** Thrown by the limited stream; the API's error handling finds it among the causes and answers 413. */
    public static final class PayloadTooLarge extends IOException {
        public PayloadTooLarge(long limit) { super("the request body is larger than " + limit + " bytes"); }
    }

    /** The media type of an xlsx workbook. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final long defaultLimit;
    private final long uploadLimit;

    public BodyLimitFilter(long limit) { this(limit, limit); }

    public BodyLimitFilter(long limit, long uploadLimit) {
        this.defaultLimit = limit;
        this.uploadLimit = Math.max(limit, uploadLimit);
    }

    /** Where workbooks are uploaded: only there does the larger limit apply to an xlsx body. */
    static final String UPLOAD_PATH = "/api/v1/emissions/reports";

    /** The page forms that send a file (a report, a population, a draft ruleset) as multipart/form-data. */
    static final java.util.Set<String> FORM_UPLOADS = java.util.Set.of("/emissions/upload", "/allocation/runs");

    /** Page forms that carry a table in a text field (an allocation table of up to 2,000 lines): at most {@value #TABLE_FORM_LIMIT} bytes. */
    static final java.util.Set<String> FORM_TABLES = java.util.Set.of("/admin/allocation");

    static final long TABLE_FORM_LIMIT = 1 << 20;

    /** The JSON API that carries a whole population file in its body. */
    static final String RUNS_PATH = "/api/v1/allocation/runs";

    static boolean isTableForm(HttpServletRequest request) {
        String type = request.getContentType();
        String path = request.getRequestURI() == null ? "" : request.getRequestURI().substring(Math.min(request.getContextPath().length(),
                request.getRequestURI().length()));
        return "POST".equals(request.getMethod()) && type != null
                && type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded") && FORM_TABLES.contains(path);
    }

    static boolean isUpload(HttpServletRequest request) {
        String type = request.getContentType();
        String path = request.getRequestURI() == null ? "" : request.getRequestURI().substring(Math.min(request.getContextPath().length(),
                request.getRequestURI().length()));
        if (!"POST".equals(request.getMethod()) || type == null) return false;
        String t = type.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith(XLSX)) return path.equals(UPLOAD_PATH) || path.startsWith(UPLOAD_PATH + "/");
        if (t.startsWith("multipart/form-data")) return FORM_UPLOADS.contains(path);
        if (t.startsWith("application/json")) return path.equals(RUNS_PATH);
        return false;
    }

    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isUpload(request) ? uploadLimit : isTableForm(request) ? Math.max(defaultLimit, TABLE_FORM_LIMIT) : defaultLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            // a person's form gets the error page in their language; the API (and anything that is not a page) problem+json
            if (!ProblemResponses.isApi(request) && "POST".equals(request.getMethod()) && request.getContentType() != null
                    && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                response.sendError(413);
                return;
            }
            ProblemResponses.write(request, response, 413, "PAYLOAD_TOO_LARGE", "the request body is larger than " + limit + " bytes");
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new CountingStream(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private void add(long n) throws PayloadTooLarge {
            if (n > 0) count += n;
            if (count > limit) throw new PayloadTooLarge(limit);
        }

        @Override public int read() throws IOException {
            int b = in.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            add(n);
            return n;
        }

        @Override public boolean isFinished() { return in.isFinished(); }

        @Override public boolean isReady() { return in.isReady(); }

        @Override public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
