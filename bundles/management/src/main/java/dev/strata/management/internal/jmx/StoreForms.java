package dev.strata.management.internal.jmx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.strata.api.BackendInfo;
import dev.strata.api.NotFoundException;
import dev.strata.api.management.SettingInfo;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The form of a store's definition, read from the metatype the bundles publish: core's store settings (factory PID
 * {@code dev.strata.store}) and then the backend's own (PID {@code dev.strata.backend.<type>}, published by the
 * backend's bundle). A backend without metatype contributes nothing: the form then holds core's settings only.
 */
final class StoreForms {

    static final String BACKEND_PID_PREFIX = "dev.strata.backend.";

    private final BundleContext context;
    private final MetaTypeService metatype;

    StoreForms(BundleContext context, MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    List<SettingInfo> form(BackendInfo backend) {
        List<SettingInfo> settings = new ArrayList<>();
        definition(RuntimeBean.STORE_PID, true).ifPresent(ocd -> add(settings, ocd, "store"));
        definition(BACKEND_PID_PREFIX + backend.type(), false).ifPresent(ocd -> add(settings, ocd, backend.type()));
        return settings;
    }

    private Optional<ObjectClassDefinition> definition(String pid, boolean factory) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            String[] pids = factory ? info.getFactoryPids() : info.getPids();
            if (pids != null && Arrays.asList(pids).contains(pid)) {
                return Optional.ofNullable(info.getObjectClassDefinition(pid, Locale.ROOT.toString()));
            }
        }
        return Optional.empty();
    }

    private static void add(List<SettingInfo> settings, ObjectClassDefinition ocd, String source) {
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        List<String> requiredIds = required == null ? List.of()
                : Arrays.stream(required).map(AttributeDefinition::getID).toList();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (all == null) {
            return;
        }
        for (AttributeDefinition attribute : all) {
            if (settings.stream().anyMatch(s -> s.id().equals(attribute.getID()))) {
                continue; // core's setting of the same key wins: it is the one core reads
            }
            String[] defaults = attribute.getDefaultValue();
            settings.add(new SettingInfo(attribute.getID(), attribute.getName(), attribute.getDescription(),
                    typeName(attribute.getType()), defaults == null ? "" : String.join(",", defaults),
                    list(attribute.getOptionValues()), list(attribute.getOptionLabels()),
                    requiredIds.contains(attribute.getID()), source));
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> "LONG";
            case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "INTEGER";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "DOUBLE";
            case AttributeDefinition.BOOLEAN -> "BOOLEAN";
            case AttributeDefinition.PASSWORD -> "PASSWORD";
            default -> "STRING";
        };
    }

    static NotFoundException unknownBackend(String type, List<BackendInfo> installed) {
        return new NotFoundException("no backend of type '" + type + "' is installed; installed: "
                + String.join(", ", installed.stream().map(BackendInfo::type).toList()));
    }
}
