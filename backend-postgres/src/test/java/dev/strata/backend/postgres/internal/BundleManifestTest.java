package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The bundle bnd wrote: the driver and the pool are imported (they are bundles), nothing is embedded or exported,
 * the component is immediate with {@code strata.backend=postgres}, and the metatype describes exactly the keys
 * {@link PostgresSettings} reads.
 */
class BundleManifestTest {

    private static Attributes manifest() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void theDriverAndThePoolAreImportedNotEmbedded() throws IOException {
        Attributes manifest = manifest();
        assertEquals("dev.strata.backend-postgres", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"), "the bundle exports nothing");
        assertEquals("dev.strata.backend.postgres.internal", manifest.getValue("Private-Package"));
        String imports = manifest.getValue("Import-Package");
        assertTrue(imports.contains("org.postgresql.ds;version=\"[42.7,43)\""), imports);
        assertTrue(imports.contains("com.zaxxer.hikari;version=\"[5.1,6)\""), imports);
    }

    @Test
    void theComponentIsAnImmediatePostgresBackend() throws IOException {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/" + PostgresBackend.class.getName() + ".xml"));
        assertTrue(xml.contains("immediate=\"true\""), xml);
        assertTrue(xml.contains("name=\"strata.backend\"") && xml.contains("value=\"postgres\""), xml);
        assertTrue(xml.contains("dev.strata.api.spi.StorageBackend"), xml);
    }

    @Test
    void theMetatypeNamesExactlyTheKeysTheSettingsRead() throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/metatype/"
                + PostgresStoreConfiguration.class.getName() + ".xml"));
        Set<String> described = Arrays.stream(PostgresStoreConfiguration.class.getDeclaredMethods())
                .map(Method::getName).map(name -> name.replace('_', '.')).collect(Collectors.toSet());
        Set<String> read = new java.util.HashSet<>();
        for (Field field : PostgresSettings.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().startsWith("DEFAULT")) {
                field.setAccessible(true);
                read.add((String) field.get(null));
            }
        }
        assertEquals(read, described);
        for (String key : described) {
            assertTrue(xml.contains("id=\"" + key + "\""), key + " in " + xml);
        }
    }
}
