package dev.strata.api.spi.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;

/**
 * Reads a store's backend settings into the backend's typed configuration: the annotation interface that is also its
 * {@code @ObjectClassDefinition}, so that the keys a backend reads and the keys a metatype-aware tool shows are one
 * list. Attribute names map to keys as in Declarative Services component property types ({@code memtable_size} is
 * {@code memtable.size}, {@code a__b} is {@code a_b}, {@code a$_$b} is {@code a-b}); values are converted with the
 * OSGi Converter.
 * <p>
 * What {@link #read} checks, so that a typo never goes unnoticed: every key of the store's configuration is either
 * one of {@link #STORE_KEYS} (core's own form), a framework's (see {@link #FRAMEWORK_KEY_PREFIXES}) or an attribute of
 * the backend's definition; every value converts to
 * its attribute's type ({@code boolean} attributes take only {@code true} or {@code false}). A blank value means the
 * attribute's default (core's form hands unset fields over empty). Errors are an {@link InvalidArgumentException}
 * naming the store and the key.
 * <p>
 * The metatype of a backend is designated under {@link #metatypePid(String)}, {@code dev.strata.backend.<type>}: a
 * tool that knows the backend type finds the definition there (see this package's documentation). The settings
 * themselves live in each store's own configuration (factory PID {@code dev.strata.store}); nothing reads a
 * configuration of that PID.
 */
public final class BackendSettings {

    /** The prefix of every backend's metatype PID; the backend type follows it. */
    public static final String METATYPE_PID_PREFIX = "dev.strata.backend.";

    /**
     * The keys of core's store form (metatype PID {@code dev.strata.store}), present in every store's configuration
     * whatever its backend. A backend that reads one of them ({@code cache.size}, {@code compression},
     * {@code encryption.keyAlias}) declares it in its own definition too, with what it means there.
     */
    public static final Set<String> STORE_KEYS = Set.of("name", "backend", "durability", "checkpoint.interval",
            "wal.max.size", "cache.size", "compression", "encryption.keyAlias");

    /**
     * Prefixes of the keys the framework adds to a configuration (ConfigAdmin's {@code service.pid}, DS's
     * {@code component.name} and {@code osgi.ds.satisfying.condition.target}, File Install's
     * {@code felix.fileinstall.filename}): never a backend's, ignored.
     */
    public static final List<String> FRAMEWORK_KEY_PREFIXES = List.of("service.", "component.", "osgi.", "felix.");

    private static final Converter CONVERTER = Converters.standardConverter();

    private BackendSettings() {
    }

    private static boolean isFrameworkKey(String key) {
        return key.equals("objectClass") || FRAMEWORK_KEY_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** The PID under which the backend of this type designates its {@code @ObjectClassDefinition}. */
    public static String metatypePid(String backendType) {
        return METATYPE_PID_PREFIX + backendType;
    }

    /**
     * The store's settings as an instance of {@code definition}, after checking every key and value.
     *
     * @param config     the store's configuration, as the backend's {@code open} receives it
     * @param definition the backend's typed configuration: an annotation interface whose attributes are its keys
     * @throws InvalidArgumentException for a key neither core nor this backend reads, or a value that does not
     *                                  convert to its attribute's type
     */
    public static <T extends Annotation> T read(EngineConfig config, Class<T> definition) {
        Map<String, Method> attributes = attributes(definition);
        Map<String, Object> given = new HashMap<>();
        for (Map.Entry<String, Object> setting : config.properties().entrySet()) {
            String key = setting.getKey();
            Method attribute = attributes.get(key);
            if (attribute == null) {
                if (!STORE_KEYS.contains(key) && !isFrameworkKey(key)) {
                    throw new InvalidArgumentException("store '" + config.storeName() + "': unknown setting '" + key
                            + "'; this backend reads " + new TreeSet<>(attributes.keySet()) + " besides " + "core's "
                            + new TreeSet<>(STORE_KEYS));
                }
                continue;
            }
            Object value = setting.getValue();
            if (value == null || value instanceof String text && text.isBlank()) {
                continue;
            }
            given.put(key, convert(config.storeName(), key, value, attribute.getGenericReturnType()));
        }
        return CONVERTER.convert(given).to(definition);
    }

    /**
     * The keys of a typed configuration, each with its attribute, in declaration order (as far as reflection keeps
     * it). Tools and tests use it to compare what a backend reads with what its metatype shows.
     */
    public static Map<String, Method> attributes(Class<? extends Annotation> definition) {
        if (!definition.isAnnotation()) {
            throw new IllegalArgumentException(definition.getName() + " is not an annotation interface");
        }
        Map<String, Method> attributes = new LinkedHashMap<>();
        for (Method method : definition.getDeclaredMethods()) {
            if (method.getParameterCount() == 0 && !method.isSynthetic()) {
                attributes.put(key(method.getName()), method);
            }
        }
        return attributes;
    }

    /** An attribute name as a key, by the rules of DS 112.8.2.2 (which the Converter follows too). */
    static String key(String attribute) {
        StringBuilder key = new StringBuilder(attribute.length());
        for (int i = 0; i < attribute.length(); i++) {
            char c = attribute.charAt(i);
            if (c == '$') {
                if (attribute.startsWith("$_$", i)) {
                    key.append('-');
                    i += 2;
                } else if (attribute.startsWith("$$", i)) {
                    key.append('$');
                    i += 1;
                }
            } else if (c == '_') {
                if (attribute.startsWith("__", i)) {
                    key.append('_');
                    i += 1;
                } else {
                    key.append('.');
                }
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static Object convert(String store, String key, Object value, Type type) {
        try {
            if (type == boolean.class || type == Boolean.class) {
                return SettingValues.flag(key, value);
            }
            if (type == String.class) {
                return value.toString().trim();
            }
            if (type instanceof Class<?> c && c.isArray()) {
                List<?> values = value instanceof String text
                        ? Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                        : CONVERTER.convert(value).to(List.class);
                return CONVERTER.convert(values).to(type);
            }
            return CONVERTER.convert(value instanceof String text ? text.trim() : value).to(type);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("store '" + store + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("store '" + store + "': " + key + " must be "
                    + describe(type) + ", was '" + value + "'");
        }
    }

    private static String describe(Type type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class) {
            return "a number";
        }
        return "a " + type.getTypeName();
    }
}
