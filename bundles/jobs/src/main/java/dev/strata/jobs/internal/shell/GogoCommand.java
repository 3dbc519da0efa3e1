package dev.strata.jobs.internal.shell;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Registers a component's public methods as Gogo commands through {@code osgi.command.scope} and
 * {@code osgi.command.function} (the same property type as the management bundle's, which keeps its own private).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GogoCommand {

    String PREFIX_ = "osgi.command.";

    String scope();

    String[] function();
}
