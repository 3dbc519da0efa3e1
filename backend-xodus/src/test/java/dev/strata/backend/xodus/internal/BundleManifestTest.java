package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * The manifest bnd wrote before the tests ran: Xodus and Kotlin are inside, private; nothing is exported; imports
 * are what the bundle needs, with everything only Xodus's unused paths reference marked optional.
 */
class BundleManifestTest {

    private static Attributes manifest() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void xodusAndKotlinAreEmbeddedAndNothingIsExported() throws IOException {
        Attributes manifest = manifest();
        assertEquals("dev.strata.backend-xodus", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"), "the bundle exports nothing");
        List<String> privatePackages = clauses(manifest.getValue("Private-Package"));
        assertTrue(privatePackages.contains("jetbrains.exodus.env"), "Xodus inside");
        assertTrue(privatePackages.stream().noneMatch(name -> name.startsWith("jetbrains.exodus.crypto.streamciphers")),
                "Xodus's unauthenticated stream ciphers are not used");
        assertTrue(privatePackages.contains("kotlin"), "Kotlin inside");
        assertTrue(privatePackages.contains("mu"), "kotlin-logging inside");
        assertTrue(privatePackages.stream().noneMatch(name -> name.startsWith("jetbrains.exodus.crypto.convert")));
        assertNotNull(manifest.getValue("Service-Component"));
    }

    @Test
    void importsAreTheApiSlf4jAndOptionalExtras() throws IOException {
        List<String> imports = clauses(manifest().getValue("Import-Package"));
        assertTrue(imports.stream().anyMatch(clause -> clause.startsWith("org.slf4j;")), "slf4j is imported: " + imports);
        assertTrue(imports.stream().anyMatch(clause -> clause.startsWith("dev.strata.api.spi;")));
        for (String clause : imports) {
            String name = clause.split(";")[0];
            assertTrue(!name.startsWith("jetbrains.") && !(name.startsWith("kotlin") && !clause.contains("optional")),
                    "nothing of Xodus or Kotlin comes from outside: " + clause);
            boolean extra = name.startsWith("android.") || name.startsWith("sun.") || name.startsWith("com.sun.")
                    || name.startsWith("org.bouncycastle.") || name.startsWith("org.apache.commons.compress");
            assertTrue(!extra || clause.contains("resolution:=optional"), "optional: " + clause);
        }
    }

    @Test
    void theComponentRegistersTheBackendTypeProperty() throws IOException {
        Path descriptor = Path.of("target/classes/OSGI-INF/" + XodusBackend.class.getName() + ".xml");
        String xml = Files.readString(descriptor);
        assertTrue(xml.contains("name=\"strata.backend\"") && xml.contains("value=\"xodus\""), xml);
        assertTrue(xml.contains("dev.strata.api.spi.StorageBackend"), xml);
        assertTrue(xml.contains("cardinality=\"0..1\""), "the key provider is optional: " + xml);
    }

    /** Splits a header at the commas that separate clauses (not those inside quoted version ranges). */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().trim());
        return clauses;
    }
}
