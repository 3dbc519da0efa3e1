package dev.strata.backend.postgres.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The backend-specific keys of a store on {@code backend=postgres}, for metatype-aware tools (designated under
 * {@value #PID}): they go into the store's own configuration (factory PID {@code dev.strata.store}) beside
 * {@code name} and {@code backend}, and core hands them to this backend unchanged. Attribute names map to keys as DS
 * does ({@code postgres_url} is {@code postgres.url}); {@link PostgresSettings} reads them through
 * {@link dev.strata.api.spi.support.BackendSettings}, with these defaults. Durations are text: milliseconds, or with
 * ms/s/m ({@code 500ms}, {@code 5s}).
 */
@ObjectClassDefinition(pid = PostgresStoreConfiguration.PID, name = "Strata store on PostgreSQL",
        description = "The settings of a store kept in a PostgreSQL server (one table per store).")
public @interface PostgresStoreConfiguration {

    String PID = "dev.strata.backend.postgres";

    @AttributeDefinition(name = "JDBC URL", description = "jdbc:postgresql://host:port/database (postgresql:// also"
            + " accepted). Driver parameters may follow '?'.")
    String postgres_url();

    @AttributeDefinition(name = "User", required = false, description = "Login role; empty: the URL's user parameter.")
    String postgres_user() default "";

    @AttributeDefinition(name = "Password file", required = false,
            description = "File whose first line is the password (keep it readable by the runtime's user only).")
    String postgres_passwordFile() default "";

    @AttributeDefinition(name = "Password keystore", required = false, description = "PKCS#12 keystore file whose"
            + " secret-key entry holds the password (keytool -importpass -storetype PKCS12). Needs the entry alias"
            + " and the keystore's own password from a file or an environment variable. Never logged.")
    String postgres_passwordKeystore() default "";

    @AttributeDefinition(name = "Password keystore alias", required = false,
            description = "Alias of the keystore's secret-key entry that holds the password.")
    String postgres_passwordKeystoreAlias() default "";

    @AttributeDefinition(name = "Keystore password file", required = false, description = "File whose first line is"
            + " the keystore's own password (readable by the runtime's user only); or use the environment variable.")
    String postgres_passwordKeystorePasswordFile() default "";

    @AttributeDefinition(name = "Keystore password variable", required = false, description = "Name (not value) of"
            + " the environment variable that holds the keystore's own password.")
    String postgres_passwordKeystorePasswordEnv() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
            description = "The password itself; prefer a password file or keystore. Never logged.")
    String postgres_password() default "";

    @AttributeDefinition(name = "Pool size", description = "Most connections this store holds open.")
    int postgres_poolSize() default PostgresSettings.DEFAULT_POOL_SIZE;

    @AttributeDefinition(name = "Connect timeout", required = false, description = "How long opening a"
            + " connection, or waiting for a free one, may take: milliseconds, or with ms/s/m; at least 250ms.")
    String postgres_connectTimeout() default "" + PostgresSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS;

    @AttributeDefinition(name = "Statement timeout", required = false, description = "Longest a statement may run:"
            + " milliseconds, or with ms/s/m; 0: no limit.")
    String postgres_statementTimeout() default "" + PostgresSettings.DEFAULT_STATEMENT_TIMEOUT_MILLIS;

    @AttributeDefinition(name = "Retries", description = "Further attempts to begin a transaction when the server is"
            + " unreachable, before the caller gets StoreUnavailableException.")
    int postgres_retries() default PostgresSettings.DEFAULT_RETRIES;

    @AttributeDefinition(name = "Retry backoff", required = false, description = "Pause before the first retry,"
            + " doubled each time: milliseconds, or with ms/s/m.")
    String postgres_retryBackoff() default "" + PostgresSettings.DEFAULT_RETRY_BACKOFF_MILLIS;

    @AttributeDefinition(name = "Schema", description = "Schema that holds the backend's tables.")
    String postgres_schema() default PostgresSettings.DEFAULT_SCHEMA;

    @AttributeDefinition(name = "Table", required = false,
            description = "Table of this store's keys; empty: kv_ followed by the store name.")
    String postgres_table() default "";

    @AttributeDefinition(name = "Migrations", description = "Create or upgrade the backend's tables at open. Off:"
            + " the tables must exist at this backend's version (created by an administrator).")
    boolean postgres_enableMigrations() default true;

    @AttributeDefinition(name = "TLS mode", description = "The driver's sslmode.", options = {
            @Option(value = "disable", label = "disable"), @Option(value = "allow", label = "allow"),
            @Option(value = "prefer", label = "prefer"), @Option(value = "require", label = "require"),
            @Option(value = "verify-ca", label = "verify-ca"), @Option(value = "verify-full", label = "verify-full")})
    String postgres_sslmode() default PostgresSettings.DEFAULT_SSL_MODE;

    @AttributeDefinition(name = "CA certificate", required = false,
            description = "PEM file of the certificate authority that signed the server's certificate (verify-ca and"
                    + " verify-full).")
    String postgres_sslrootcert() default "";
}
