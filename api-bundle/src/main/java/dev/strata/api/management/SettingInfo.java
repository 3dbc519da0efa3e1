package dev.strata.api.management;

import java.util.List;

/**
 * One setting of a form a console renders (a store's definition: core's store settings and its backend's), taken
 * from the OSGi metatype of the backend. Every component is a simple type so that JMX maps it to open data.
 *
 * @param id           the configuration key ({@code durability}, {@code memtable.size})
 * @param name         a short human label
 * @param description  what it does, one or two sentences; may be empty
 * @param type         {@code STRING}, {@code LONG}, {@code INTEGER}, {@code DOUBLE}, {@code BOOLEAN} or {@code PASSWORD}
 *                     (a metatype attribute type name)
 * @param defaultValue the default as text; empty when there is none
 * @param optionValues the allowed values when the setting is a choice, else empty
 * @param optionLabels labels for {@code optionValues}, in the same order
 * @param required     whether a value must be given
 * @param source       where it comes from: {@code store} (core's store settings) or the backend type
 */
public record SettingInfo(String id, String name, String description, String type, String defaultValue,
        List<String> optionValues, List<String> optionLabels, boolean required, String source) {

    public SettingInfo {
        description = description == null ? "" : description;
        defaultValue = defaultValue == null ? "" : defaultValue;
        optionValues = optionValues == null ? List.of() : List.copyOf(optionValues);
        optionLabels = optionLabels == null ? List.of() : List.copyOf(optionLabels);
        source = source == null ? "" : source;
    }
}
