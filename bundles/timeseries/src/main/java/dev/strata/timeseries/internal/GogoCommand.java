package dev.strata.timeseries.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Registers a component's public methods as Gogo shell commands through the service properties
 * {@code osgi.command.scope} and {@code osgi.command.function}, which Gogo's runtime tracks on any service. Being a
 * component property type, it needs no compile or run time dependency on Gogo.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GogoCommand {

    /** Turns the element names into {@code osgi.command.scope} and {@code osgi.command.function}. */
    String PREFIX_ = "osgi.command.";

    /** The scope typed before the colon: {@code ts:query}. */
    String scope();

    /** The method names offered as commands. */
    String[] function();
}
