package org.openets.bench;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * A pool wrapper that counts statement executions (by SQL text, shortened) and commits/rollbacks: with pgjdbc in
 * its default mode each of these is one client–server round trip (BEGIN is sent together with the transaction's
 * first statement). Used only by the statement-count pass, never in a timed phase.
 */
final class CountingDataSource implements DataSource {
    private final DataSource delegate;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    CountingDataSource(DataSource delegate) { this.delegate = delegate; }

    void reset() { counts.clear(); }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void count(String sql) {
        String key = sql.replaceAll("\\s+", " ").trim();
        if (key.length() > 110) key = key.substring(0, 110) + "…";
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Connection wrap(Connection c) {
        InvocationHandler h = (proxy, m, args) -> {
            switch (m.getName()) {
                case "prepareStatement" -> {
                    String sql = (String) args[0];
                    PreparedStatement ps = (PreparedStatement) invoke(c, m, args);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{PreparedStatement.class}, (p2, m2, a2) -> {
                        if (m2.getName().startsWith("execute")) count(sql);
                        return invoke(ps, m2, a2);
                    });
                }
                case "createStatement" -> {
                    Statement st = (Statement) invoke(c, m, args);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class}, (p2, m2, a2) -> {
                        if (m2.getName().startsWith("execute") && a2 != null && a2.length > 0 && a2[0] instanceof String s) count(s);
                        return invoke(st, m2, a2);
                    });
                }
                case "commit" -> count("COMMIT");
                case "rollback" -> count("ROLLBACK");
                default -> { }
            }
            return invoke(c, m, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, h);
    }

    @Override public Connection getConnection() throws SQLException { return wrap(delegate.getConnection()); }

    @Override public Connection getConnection(String u, String p) throws SQLException { return wrap(delegate.getConnection(u, p)); }

    @Override public PrintWriter getLogWriter() throws SQLException { return delegate.getLogWriter(); }

    @Override public void setLogWriter(PrintWriter out) throws SQLException { delegate.setLogWriter(out); }

    @Override public void setLoginTimeout(int seconds) throws SQLException { delegate.setLoginTimeout(seconds); }

    @Override public int getLoginTimeout() throws SQLException { return delegate.getLoginTimeout(); }

    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return delegate.getParentLogger(); }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return delegate.unwrap(iface); }

    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { return delegate.isWrapperFor(iface); }
}
