package dev.strata.management.internal.jmx;

import java.util.Collection;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.BackendInfo;
import dev.strata.api.StorageService;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.BackendMXBean;
import dev.strata.api.management.SettingInfo;

import org.osgi.framework.Bundle;

/**
 * One installed backend: its bundle (state read at each call, so a stopping bundle says so), the capabilities its
 * service declares, the stores defined on it and the form of a store's settings.
 */
final class BackendBean implements BackendMXBean {

    private final String type;
    private final Bundle bundle;
    private final BackendCapabilities capabilities;
    private final StorageService storage;
    private final StoreForms forms;

    BackendBean(String type, Bundle bundle, BackendCapabilities capabilities, StorageService storage,
            StoreForms forms) {
        this.type = type;
        this.bundle = bundle;
        this.capabilities = capabilities;
        this.storage = storage;
        this.forms = forms;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getBundleSymbolicName() {
        return bundle.getSymbolicName();
    }

    @Override
    public long getBundleId() {
        return bundle.getBundleId();
    }

    @Override
    public String getBundleVersion() {
        return bundle.getVersion().toString();
    }

    @Override
    public String getBundleState() {
        return BundleStates.name(bundle.getState());
    }

    @Override
    public String[] getDurabilityLevels() {
        return names(capabilities.durability());
    }

    @Override
    public String[] getIsolationLevels() {
        return names(capabilities.isolation());
    }

    @Override
    public boolean isPersistent() {
        return capabilities.persistent();
    }

    @Override
    public boolean isEncryption() {
        return capabilities.encryption();
    }

    @Override
    public boolean isCompression() {
        return capabilities.compression();
    }

    @Override
    public boolean isNativeTtl() {
        return capabilities.nativeTtl();
    }

    @Override
    public boolean isNativeSnapshot() {
        return capabilities.nativeSnapshot();
    }

    @Override
    public String[] getUntrackedFigures() {
        return capabilities.untracked().stream().sorted().toArray(String[]::new);
    }

    @Override
    public String[] getStores() {
        return storage.stores().stream().filter(s -> s.backend().equals(type)).map(StoreInfo::name).sorted()
                .toArray(String[]::new);
    }

    @Override
    public SettingInfo[] getSettings() {
        BackendInfo info = new BackendInfo(type, getBundleSymbolicName(), getBundleVersion(), capabilities);
        return forms.form(info).toArray(SettingInfo[]::new);
    }

    /** Enum constants in their declared order (weakest durability first), lower case as configurations spell them. */
    private static String[] names(Collection<? extends Enum<?>> values) {
        return values.stream().sorted((a, b) -> Integer.compare(a.ordinal(), b.ordinal()))
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
    }
}
