package dev.strata.management.internal.shell;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells when Gogo has expanded an unquoted glob before the command saw it. Like a Unix shell, Gogo replaces an
 * unquoted {@code *} or {@code ?} word by the names of the matching files of its current directory (the directory
 * the runtime was started from), so {@code strata:scan s *} reaches the command as {@code scan s bin data log}.
 * Gogo 1.1 offers no way for a command to turn that off, so the command recognises the result: words without a
 * wildcard that each name an existing file there.
 */
final class ShellExpansion {

    private ShellExpansion() {
    }

    /** Whether every word names a file of the shell's working directory (and none holds a wildcard). */
    static boolean looksExpanded(List<String> words) {
        return looksExpanded(words, Path.of(System.getProperty("user.dir")));
    }

    static boolean looksExpanded(List<String> words, Path workingDirectory) {
        if (words.isEmpty()) {
            return false;
        }
        for (String word : words) {
            if (word == null || word.isEmpty() || word.contains("*") || word.contains("?") || word.contains("/")) {
                return false;
            }
            try {
                if (!Files.exists(workingDirectory.resolve(word))) {
                    return false;
                }
            } catch (InvalidPathException e) {
                return false;
            }
        }
        return true;
    }

    /** The advice shown with the command's answer. */
    static String hint(String store) {
        return "hint: the shell replaced an unquoted * by the names of the files in " + System.getProperty("user.dir")
                + "; quote the pattern: strata:scan " + store + " '*'";
    }
}
