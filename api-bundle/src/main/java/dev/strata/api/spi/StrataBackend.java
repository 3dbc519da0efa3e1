package dev.strata.api.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Sets the {@value StorageBackend#TYPE_PROPERTY} service property on a backend component:
 *
 * <pre>{@code
 * @Component(service = StorageBackend.class)
 * @StrataBackend("memory")
 * public class MemoryBackend implements StorageBackend { ... }
 * }</pre>
 *
 * A single-element component property type takes its property name from the annotation's name (DS 1.4, 112.8.2.1):
 * {@code StrataBackend} becomes {@code strata.backend}. Renaming this annotation would change the property.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface StrataBackend {

    /** The backend type, as stores name it in their {@code backend} setting. */
    String value();
}
