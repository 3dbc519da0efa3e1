package dev.strata.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyPattern;
import dev.strata.api.NotFoundException;
import dev.strata.api.management.BackendMXBean;
import dev.strata.api.management.DataBrowserMXBean;
import dev.strata.api.management.KeyEntry;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.SettingInfo;
import dev.strata.api.management.ValueView;

/** The data browser over the fake runtime's "files" map; writes refused to watcher as the runtime's policy would. */
final class FakeData implements DataBrowserMXBean {

    private final NavigableMap<String, byte[]> data;

    FakeData(NavigableMap<String, byte[]> data) {
        this.data = data;
    }

    private NavigableMap<String, byte[]> store(String name) {
        if (!name.equals("files")) {
            throw new NotFoundException("no store named '" + name + "'; defined: files");
        }
        return data;
    }

    @Override
    public KeyPage listKeys(String store, String pattern, String after, int limit) {
        KeyPattern glob = KeyPattern.compile(pattern);
        List<KeyEntry> entries = new ArrayList<>();
        NavigableMap<String, byte[]> view = after.isEmpty() ? store(store) : store(store).tailMap(after, false);
        String next = "";
        for (Map.Entry<String, byte[]> entry : view.entrySet()) {
            if (!glob.matches(entry.getKey())) {
                continue;
            }
            if (entries.size() == limit) {
                next = entries.get(limit - 1).key();
                break;
            }
            entries.add(new KeyEntry(entry.getKey(), entry.getValue().length,
                    new String(entry.getValue(), StandardCharsets.UTF_8)));
        }
        return new KeyPage(entries, next);
    }

    @Override
    public ValueView getValue(String store, String key, int maxBytes) {
        byte[] value = store(store).get(key);
        if (value == null) {
            return new ValueView(key, false, 0, false, false, "", "");
        }
        boolean text = value.length == 0 || value[0] != (byte) 0xff;
        return new ValueView(key, true, value.length, false, text, text ? new String(value, StandardCharsets.UTF_8) : "",
                Base64.getEncoder().encodeToString(value));
    }

    @Override
    public void putValue(String store, String key, String value, String encoding) {
        refuseWatcher("putValue");
        byte[] bytes = switch (encoding) {
            case "text" -> value.getBytes(StandardCharsets.UTF_8);
            case "hex" -> HexFormat.of().parseHex(value);
            case "base64" -> Base64.getDecoder().decode(value);
            default -> throw new InvalidArgumentException("encoding is text, base64 or hex, was '" + encoding + "'");
        };
        store(store).put(key, bytes);
    }

    @Override
    public boolean deleteValue(String store, String key) {
        refuseWatcher("deleteValue");
        return store(store).remove(key) != null;
    }

    private static void refuseWatcher(String operation) {
        if (FakeRuntime.currentUser().equals("watcher")) {
            throw new SecurityException("Access denied: user 'watcher' (role monitor) may not " + operation
                    + " on dev.strata:type=DataBrowser; needs role admin");
        }
    }

    /** The file backend as its bean describes it. */
    static final class FileBackend implements BackendMXBean {
        @Override public String getType() { return "file"; }
        @Override public String getBundleSymbolicName() { return "dev.strata.backend-file"; }
        @Override public long getBundleId() { return 14; }
        @Override public String getBundleVersion() { return "0.1.0"; }
        @Override public String getBundleState() { return "ACTIVE"; }
        @Override public String[] getDurabilityLevels() { return new String[] {"none", "os", "fsync"}; }
        @Override public String[] getIsolationLevels() { return new String[] {"snapshot", "serializable"}; }
        @Override public boolean isPersistent() { return true; }
        @Override public boolean isEncryption() { return true; }
        @Override public boolean isCompression() { return true; }
        @Override public boolean isNativeTtl() { return false; }
        @Override public boolean isNativeSnapshot() { return true; }
        @Override public String[] getUntrackedFigures() { return new String[0]; }
        @Override public String[] getStores() { return new String[] {"files"}; }
        @Override public SettingInfo[] getSettings() { return new SettingInfo[0]; }
    }
}
