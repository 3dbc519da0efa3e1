package dev.strata.api.spi.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;

class BackendSettingsTest {

    /** A backend's typed configuration, as a backend declares it (its @ObjectClassDefinition). */
    @interface Sample {
        String sample_size() default "32m";

        int sample_level() default 3;

        boolean sample_enabled() default true;

        String cache_size() default "";

        String[] sample_names() default {"a"};

        long sample_under__score() default 7;

        String sample$_$dash() default "d";
    }

    private static EngineConfig config(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("name", "s1");
        all.put("backend", "sample");
        all.put("durability", "os");
        return new EngineConfig("s1", Path.of("unused"), Durability.OS, all);
    }

    @Test
    void absentAndBlankKeysTakeTheDefaults() {
        Sample sample = BackendSettings.read(config(Map.of("sample.level", " ", "checkpoint.interval", "")),
                Sample.class);
        assertEquals("32m", sample.sample_size());
        assertEquals(3, sample.sample_level());
        assertTrue(sample.sample_enabled());
        assertArrayEquals(new String[] {"a"}, sample.sample_names());
        assertEquals(7, sample.sample_under__score());
        assertEquals("d", sample.sample$_$dash());
    }

    @Test
    void givenValuesAreConvertedToTheAttributeTypes() {
        Sample sample = BackendSettings.read(config(Map.of("sample.size", " 64m ", "sample.level", "9",
                "sample.enabled", "FALSE", "cache.size", "1g", "sample.names", "x, y", "sample.under_score", 11L,
                "sample-dash", "e")), Sample.class);
        assertEquals("64m", sample.sample_size());
        assertEquals(9, sample.sample_level());
        assertFalse(sample.sample_enabled());
        assertEquals("1g", sample.cache_size());
        assertArrayEquals(new String[] {"x", "y"}, sample.sample_names());
        assertEquals(11, sample.sample_under__score());
        assertEquals("e", sample.sample$_$dash());
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> BackendSettings.read(config(Map.of("sample.sise", "1m")), Sample.class));
        assertTrue(e.getMessage().contains("store 's1'") && e.getMessage().contains("'sample.sise'"), e.getMessage());
        assertTrue(e.getMessage().contains("sample.size"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void coresAndTheFrameworksKeysAreAcceptedWithoutBeingDeclared() {
        Sample cores = BackendSettings.read(config(Map.of("wal.max.size", "64m", "compression", "lz4",
                "encryption.keyAlias", "k")), Sample.class);
        assertEquals(3, cores.sample_level(), "undeclared core keys change none of the backend's own settings");
        Sample frameworks = BackendSettings.read(config(Map.of("osgi.ds.satisfying.condition.target",
                "(osgi.condition.id=true)", "service.pid", "p", "component.name", "c", "felix.fileinstall.filename",
                "f", "objectClass", "o")), Sample.class);
        assertEquals("32m", frameworks.sample_size());
    }

    @Test
    void aMalformedValueIsRefusedNamingTheKey() {
        InvalidArgumentException number = assertThrows(InvalidArgumentException.class,
                () -> BackendSettings.read(config(Map.of("sample.level", "three")), Sample.class));
        assertTrue(number.getMessage().contains("sample.level") && number.getMessage().contains("three"),
                number.getMessage());
        InvalidArgumentException flag = assertThrows(InvalidArgumentException.class,
                () -> BackendSettings.read(config(Map.of("sample.enabled", "yes")), Sample.class));
        assertTrue(flag.getMessage().contains("store 's1': sample.enabled must be true or false"), flag.getMessage());
    }

    @Test
    void attributeNamesMapToKeysAsInDeclarativeServices() {
        assertEquals("memtable.size", BackendSettings.key("memtable_size"));
        assertEquals("a_b", BackendSettings.key("a__b"));
        assertEquals("a-b", BackendSettings.key("a$_$b"));
        assertEquals("a$b", BackendSettings.key("a$$b"));
        assertEquals("ab", BackendSettings.key("a$b"));
        assertEquals(java.util.Set.of("sample.size", "sample.level", "sample.enabled", "cache.size", "sample.names",
                "sample.under_score", "sample-dash"), BackendSettings.attributes(Sample.class).keySet());
        assertEquals("dev.strata.backend.file", BackendSettings.metatypePid("file"));
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(4096, SettingValues.size("k", "4096"));
        assertEquals(64L << 10, SettingValues.size("k", "64k"));
        assertEquals(64L << 20, SettingValues.size("k", " 64M "));
        assertEquals(64L << 20, SettingValues.size("k", "64mb"));
        assertEquals(2L << 30, SettingValues.size("k", "2g"));
        assertEquals(5, SettingValues.size("k", 5));
        for (String bad : new String[] {"", "m", "64x", "-1", "1.5m", "99999999999g"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> SettingValues.size("memtable.size", bad), bad);
            assertTrue(e.getMessage().startsWith("memtable.size "), e.getMessage());
        }
    }

    @Test
    void durationsTakeUnitsAndKeepTheirPlainUnit() {
        assertEquals(500, SettingValues.durationMillis("d", "500ms", TimeUnit.SECONDS));
        assertEquals(30_000, SettingValues.durationMillis("d", "30s", TimeUnit.SECONDS));
        assertEquals(300_000, SettingValues.durationMillis("d", "5m", TimeUnit.MILLISECONDS));
        assertEquals(7_200_000, SettingValues.durationMillis("d", "2h", TimeUnit.SECONDS));
        assertEquals(300_000, SettingValues.durationMillis("d", "300", TimeUnit.SECONDS));
        assertEquals(300, SettingValues.durationMillis("d", "300", TimeUnit.MILLISECONDS));
        assertEquals(2000, SettingValues.durationMillis("d", 2, TimeUnit.SECONDS));
        for (String bad : new String[] {"", "ms", "5 minutes", "-5s", "1.5s"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> SettingValues.durationMillis("checkpoint.interval", bad, TimeUnit.SECONDS), bad);
            assertTrue(e.getMessage().startsWith("checkpoint.interval "), e.getMessage());
        }
    }
}
