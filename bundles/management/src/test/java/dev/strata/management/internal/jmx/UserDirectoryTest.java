package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.strata.api.InvalidArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aFirstStartCreatesAnAdminWithAGeneratedPasswordStoredOnlyAsAHash() throws Exception {
        UserDirectory users = new UserDirectory(dir.resolve("etc/jmx.users"));
        char[] password = users.createIfMissing().orElseThrow();
        assertEquals(20, password.length);
        String file = Files.readString(dir.resolve("etc/jmx.users"), StandardCharsets.UTF_8);
        assertFalse(file.contains(new String(password)), "the password itself is never written");
        assertTrue(file.contains("admin = admin:pbkdf2-sha256$210000$"), file);
        assertEquals(Optional.of(Role.ADMIN), users.authenticate("admin", password));
        assertEquals(Optional.empty(), users.authenticate("admin", "admin".toCharArray()));
        assertEquals(Optional.empty(), users.createIfMissing(), "an existing file is left alone");
        char[] other = new UserDirectory(dir.resolve("elsewhere")).createIfMissing().orElseThrow();
        assertFalse(new String(other).equals(new String(password)), "every runtime gets its own password");
    }

    @Test
    void hashesAreSaltedAndChecked() {
        String one = PasswordHash.hash("same".toCharArray(), 1000);
        String two = PasswordHash.hash("same".toCharArray(), 1000);
        assertFalse(one.equals(two), "a fresh salt per hash");
        assertTrue(PasswordHash.matches("same".toCharArray(), one));
        assertFalse(PasswordHash.matches("Same".toCharArray(), one));
        assertThrows(InvalidArgumentException.class, () -> PasswordHash.matches("x".toCharArray(), "md5$abc"));
    }

    @Test
    void aDamagedLineIsAClearError() throws Exception {
        Path file = dir.resolve("jmx.users");
        Files.writeString(file, "# users\nalice = wizard:pbkdf2-sha256$1$AA$AA\n");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new UserDirectory(file).authenticate("alice", "x".toCharArray()));
        assertEquals("unknown role 'wizard' (monitor, operator or admin)", e.getMessage());
    }
}
