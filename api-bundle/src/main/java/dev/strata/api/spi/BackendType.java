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
 * @BackendType("memory")
 * public class MemoryBackend implements StorageBackend { ... }
 * }</pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BackendType {
    /** Turns the element name {@code value} into the property name {@code strata.backend}. */
    String PREFIX_ = "strata.";

    /** The backend type, as stores name it in their {@code backend} setting. */
    String value();
}
