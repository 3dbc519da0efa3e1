package dev.strata.backend.postgres.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.support.BackendSettings;
import dev.strata.api.spi.support.SettingValues;

/**
 * The settings of one store on this backend, read from the store's configuration (keys and meanings in
 * {@link PostgresStoreConfiguration} and the module README). The password is kept here only to hand it to the
 * driver: {@link #toString()} leaves it out, and no message carries it.
 */
record PostgresSettings(String url, String user, String password, int poolSize, long connectTimeoutMillis,
        long statementTimeoutMillis, int retries, long retryBackoffMillis, String schema, String table,
        boolean enableMigrations, String sslMode, String sslRootCert) {

    static final String URL = "postgres.url";
    static final String USER = "postgres.user";
    static final String PASSWORD = "postgres.password";
    static final String PASSWORD_FILE = "postgres.passwordFile";
    static final String PASSWORD_KEYSTORE = "postgres.passwordKeystore";
    static final String PASSWORD_KEYSTORE_ALIAS = "postgres.passwordKeystoreAlias";
    static final String PASSWORD_KEYSTORE_PASSWORD_FILE = "postgres.passwordKeystorePasswordFile";
    static final String PASSWORD_KEYSTORE_PASSWORD_ENV = "postgres.passwordKeystorePasswordEnv";
    static final String POOL_SIZE = "postgres.poolSize";
    static final String CONNECT_TIMEOUT = "postgres.connectTimeout";
    static final String STATEMENT_TIMEOUT = "postgres.statementTimeout";
    static final String RETRIES = "postgres.retries";
    static final String RETRY_BACKOFF = "postgres.retryBackoff";
    static final String SCHEMA = "postgres.schema";
    static final String TABLE = "postgres.table";
    static final String ENABLE_MIGRATIONS = "postgres.enableMigrations";
    static final String SSL_MODE = "postgres.sslmode";
    static final String SSL_ROOT_CERT = "postgres.sslrootcert";

    static final int DEFAULT_POOL_SIZE = 8;
    static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    static final long DEFAULT_STATEMENT_TIMEOUT_MILLIS = 30_000;
    static final int DEFAULT_RETRIES = 3;
    static final long DEFAULT_RETRY_BACKOFF_MILLIS = 100;
    static final String DEFAULT_SCHEMA = "strata";
    static final String DEFAULT_SSL_MODE = "prefer";

    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** Names this backend writes into SQL unquoted-safe: it quotes them, and refuses what would need escaping. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,50}");
    private static final List<String> URL_PREFIXES = List.of("jdbc:postgresql://", "postgresql://", "postgres://");

    /** @throws InvalidArgumentException for an unknown key or a value out of its range, naming the key */
    static PostgresSettings from(EngineConfig config) {
        PostgresStoreConfiguration typed = BackendSettings.read(config, PostgresStoreConfiguration.class);
        String store = config.storeName();
        String url = jdbcUrl(store, typed.postgres_url());
        String schema = typed.postgres_schema();
        String table = typed.postgres_table();
        table = table.isEmpty() ? "kv_" + store : table;
        checkName(store, SCHEMA, schema);
        checkName(store, TABLE, table);
        String sslMode = typed.postgres_sslmode();
        if (!SSL_MODES.contains(sslMode)) {
            throw new InvalidArgumentException("store '" + store + "': " + SSL_MODE + " must be one of " + SSL_MODES
                    + ", was '" + sslMode + "'");
        }
        String rootCert = typed.postgres_sslrootcert();
        if (!rootCert.isEmpty() && !Files.isReadable(Path.of(rootCert))) {
            throw new InvalidArgumentException("store '" + store + "': " + SSL_ROOT_CERT + " names no readable file: " + rootCert);
        }
        String password = password(config, typed); // its messages name the store already
        try {
            return new PostgresSettings(url, typed.postgres_user(), password,
                    (int) atLeast(POOL_SIZE, typed.postgres_poolSize(), 1),
                    atLeast(CONNECT_TIMEOUT, millis(CONNECT_TIMEOUT, typed.postgres_connectTimeout()), 250),
                    millis(STATEMENT_TIMEOUT, typed.postgres_statementTimeout()),
                    (int) atLeast(RETRIES, typed.postgres_retries(), 0),
                    millis(RETRY_BACKOFF, typed.postgres_retryBackoff()),
                    schema, table, typed.postgres_enableMigrations(), sslMode, rootCert.isEmpty() ? null : rootCert);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("store '" + store + "': " + e.getMessage());
        }
    }

    private static long millis(String key, String value) {
        return SettingValues.durationMillis(key, value, TimeUnit.MILLISECONDS);
    }

    private static String jdbcUrl(String store, String url) {
        if (url.isEmpty()) {
            throw new InvalidArgumentException("store '" + store + "': " + URL
                    + " is required (jdbc:postgresql://host:port/database)");
        }
        for (String prefix : URL_PREFIXES) {
            if (url.startsWith(prefix)) {
                return "jdbc:postgresql://" + url.substring(prefix.length());
            }
        }
        throw new InvalidArgumentException("store '" + store + "': " + URL + " must start with jdbc:postgresql://,"
                + " was '" + url.replaceAll("(?i)password=[^&]*", "password=***") + "'");
    }

    private static String password(EngineConfig config, PostgresStoreConfiguration typed) {
        String file = typed.postgres_passwordFile();
        String keystore = typed.postgres_passwordKeystore();
        int sources = (file.isEmpty() ? 0 : 1) + (keystore.isEmpty() ? 0 : 1) + (typed.postgres_password().isEmpty() ? 0 : 1);
        if (sources > 1) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': give one of " + PASSWORD_KEYSTORE
                    + ", " + PASSWORD_FILE + " and " + PASSWORD + ", not several");
        }
        if (!keystore.isEmpty()) {
            try {
                return KeystorePassword.read(keystore, typed.postgres_passwordKeystoreAlias(),
                        typed.postgres_passwordKeystorePasswordFile(), typed.postgres_passwordKeystorePasswordEnv(),
                        System::getenv);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("store '" + config.storeName() + "': " + e.getMessage());
            }
        }
        if (file.isEmpty()) {
            String inline = typed.postgres_password();
            return inline.isEmpty() ? null : inline;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new InvalidArgumentException("store '" + config.storeName() + "': the password file " + file + " is empty");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': cannot read the password file "
                    + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static long atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new InvalidArgumentException(key + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    private static void checkName(String store, String key, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("store '" + store + "': " + key + " must be 1-50 letters, digits, '_', '.'"
                    + " or '-', was '" + name + "'");
        }
    }

    /** Host and database for messages (the URL without its parameters, which may carry a password). */
    String serverDisplay() {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)).substring("jdbc:".length());
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + serverDisplay() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", poolSize=" + poolSize + ", schema=" + schema + ", table=" + table + ", sslmode=" + sslMode + "]";
    }
}
