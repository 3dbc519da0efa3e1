package dev.strata.console.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strata.console.client.ConsoleException;
import dev.strata.console.shell.Messages;

/**
 * The saved connection profiles, a small JSON file in the user's config directory ({@code ~/.strata/profiles.json}).
 * Profiles hold address, port and user only: a password is never written.
 */
public final class ProfileStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** {@code ~/.strata/profiles.json}. */
    public static ProfileStore inUserHome() {
        return new ProfileStore(Path.of(System.getProperty("user.home"), ".strata", "profiles.json"));
    }

    /** The saved profiles by name; none when the file does not exist yet. */
    public List<Profile> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Profile> profiles = JSON.readValue(file.toFile(), new TypeReference<List<Profile>>() { });
            return profiles.stream().sorted(Comparator.comparing(Profile::name)).toList();
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.profilesUnreadable", file,
                    e.getMessage()));
        }
    }

    /** Adds or replaces (by name) a profile; written to a temporary file first, then moved over the old one. */
    public List<Profile> save(Profile profile) {
        List<Profile> profiles = new ArrayList<>(load());
        profiles.removeIf(p -> p.name().equals(profile.name()));
        profiles.add(profile);
        profiles.sort(Comparator.comparing(Profile::name));
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(next.toFile(), profiles);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, Messages.get("connect.profileUnsaved", file,
                    e.getMessage()));
        }
        return List.copyOf(profiles);
    }
}
