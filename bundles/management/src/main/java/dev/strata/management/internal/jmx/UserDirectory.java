package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;

/**
 * The JMX users: one line per user in {@code etc/jmx.users}, {@code name = role:hash}, {@code #} comments. Read at
 * every login, so an edited file applies without a restart. A missing file is created with one {@code admin} user
 * whose generated password is returned once to be shown to the operator: there is never a default password.
 */
final class UserDirectory {

    /** A user's role and password hash. */
    record User(String name, Role role, String hash) {
    }

    private final Path file;

    UserDirectory(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Creates the file with an admin user when there is none.
     *
     * @return the generated admin password, or empty when the file existed
     */
    Optional<char[]> createIfMissing() {
        if (Files.exists(file)) {
            return Optional.empty();
        }
        char[] password = PasswordHash.generate();
        write(Map.of("admin", new User("admin", Role.ADMIN, PasswordHash.hash(password))));
        return Optional.of(password);
    }

    /** The user's role when the password matches; empty for an unknown user or a wrong password. */
    Optional<Role> authenticate(String name, char[] password) {
        User user = users().get(name);
        if (user == null) {
            // spend the same time as for a known user, so a probe cannot tell names from timing
            PasswordHash.matches(password, DUMMY_HASH);
            return Optional.empty();
        }
        return PasswordHash.matches(password, user.hash()) ? Optional.of(user.role()) : Optional.empty();
    }

    /** Adds or replaces a user (used by tests and by an operator's tooling). */
    void put(String name, Role role, char[] password) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidArgumentException("user names are 1 to 64 letters, digits, '_', '.' or '-': '" + name + "'");
        }
        Map<String, User> users = new TreeMap<>(users());
        users.put(name, new User(name, role, PasswordHash.hash(password)));
        write(users);
    }

    Map<String, User> users() {
        Map<String, User> users = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot read the JMX users file " + file + ": " + e.getMessage(), e);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int equals = text.indexOf('=');
            int colon = text.indexOf(':', equals + 1);
            if (equals < 1 || colon < 0) {
                throw new InvalidArgumentException(file + " line " + number + ": expected 'name = role:hash'");
            }
            String name = text.substring(0, equals).strip();
            users.put(name, new User(name, Role.parse(text.substring(equals + 1, colon)), text.substring(colon + 1).strip()));
        }
        return users;
    }

    private void write(Map<String, User> users) {
        List<String> lines = new ArrayList<>();
        lines.add("# Strata JMX users: name = role:password-hash (roles: monitor, operator, admin).");
        lines.add("# Hashes are PBKDF2-HMAC-SHA256; the runtime reads this file at every login.");
        users.values().forEach(u -> lines.add(u.name() + " = " + u.role().label() + ":" + u.hash()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            ownerOnly(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("cannot write the JMX users file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the directory's default permissions
        }
    }

    private static final String DUMMY_HASH = PasswordHash.hash("not a password".toCharArray());
}
