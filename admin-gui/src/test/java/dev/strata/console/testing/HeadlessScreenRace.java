package dev.strata.console.testing;

import java.nio.BufferOverflowException;
import java.util.Arrays;

import org.testfx.util.WaitForAsyncUtils;

/**
 * A known fault of the headless toolkit the console's test runs on, kept apart from the console's own faults.
 * Monocle's headless screen composes each painted window into one framebuffer on the JavaFX thread; when a window's
 * painted frame and its size disagree while it changes size (the software painter racing a resize or a popup sizing
 * itself after it shows, more often on a loaded machine), the copy overflows the framebuffer and the JavaFX thread
 * throws {@link BufferOverflowException} from {@code Framebuffer.composePixels}. JavaFX's render thread meets the
 * same race in {@code UploadingPainter} and only prints it. The frame is dropped; the next one is whole. TestFX
 * collects every uncaught exception of the JavaFX thread and fails the next step with it, so a test run on a busy CI
 * machine failed on a dropped frame.
 * <p>
 * {@link #tolerate} gives the JavaFX thread a handler that prints exactly that exception (thrown inside Monocle's
 * framebuffer code) and passes every other one on to TestFX's handler, so anything the console itself throws still
 * fails the test.
 * <p>
 * The console's own headless tests and the distribution's test against a started runtime both install it (this
 * class reaches the distribution in admin-gui's test-jar).
 */
public final class HeadlessScreenRace {

    private HeadlessScreenRace() {
    }

    public static void tolerate() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Thread fx = Thread.currentThread();
            Thread.UncaughtExceptionHandler next = fx.getUncaughtExceptionHandler();
            fx.setUncaughtExceptionHandler((thread, e) -> {
                if (isTheRace(e)) {
                    System.err.println("dropped frame (the headless screen's resize race): " + e);
                } else {
                    next.uncaughtException(thread, e);
                }
            });
        }).get();
    }

    public static boolean isTheRace(Throwable e) {
        return e instanceof BufferOverflowException && Arrays.stream(e.getStackTrace()).anyMatch(frame ->
                frame.getClassName().startsWith("com.sun.glass.ui.monocle.") && frame.getMethodName().contains("Pixels"));
    }
}
