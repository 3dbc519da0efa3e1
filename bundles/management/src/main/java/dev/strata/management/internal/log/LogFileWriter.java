package dev.strata.management.internal.log;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Writes the OSGi log to {@code ${strata.home}/log/strata.log} (rotated by size) and warnings and errors also to the
 * console. {@code strata.home} is the framework property the launcher sets; without it, the working directory.
 * Immediate, so that logging starts with the bundle rather than with the first user of a service.
 */
@Component(immediate = true, service = {}, configurationPid = LogFileWriter.PID)
@Designate(ocd = LogFileConfiguration.class)
public final class LogFileWriter {

    static final String PID = "dev.strata.log";
    static final String HOME_PROPERTY = "strata.home";
    private static final String MARKER_FILE = "log-delivered";

    private final BundleContext context;
    private final LogReaderService reader;
    private final RotatingLogFile file;
    private final LogSink sink;
    private final LogListener listener;

    @Activate
    public LogFileWriter(BundleContext context, LogFileConfiguration config, @Reference LogReaderService reader) {
        this.context = context;
        this.reader = reader;
        this.file = new RotatingLogFile(home(context).resolve("log").resolve("strata.log"), config.maxFileBytes(),
                config.keepFiles());
        long written = DeliveryMarker.load(markerFile(), context.getProperty(Constants.FRAMEWORK_UUID));
        // System.err is deliberate and confined to this class: it is the console sink of the runtime's own log.
        this.sink = new LogSink(file, new LogLineFormatter(ZoneId.systemDefault()), System.err, config.level(), written);
        this.listener = entry -> sink.write(LogLine.of(entry));
        reader.addLogListener(listener);
        sink.replay(backlog());
    }

    @Modified
    void modified(LogFileConfiguration config) {
        file.limits(config.maxFileBytes(), config.keepFiles());
        sink.level(config.level());
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(listener);
        DeliveryMarker.save(markerFile(), context.getProperty(Constants.FRAMEWORK_UUID), sink.lastSequence());
        try {
            file.close();
        } catch (IOException e) {
            // every entry was flushed when written; nothing is lost by a failed close
        }
    }

    /** What the Log Service kept from before this writer started (bundle starts, early errors), oldest last. */
    private List<LogLine> backlog() {
        List<LogLine> lines = new ArrayList<>();
        Enumeration<LogEntry> entries = reader.getLog();
        while (entries.hasMoreElements()) {
            lines.add(LogLine.of(entries.nextElement()));
        }
        return lines;
    }

    private Path markerFile() {
        File data = context.getDataFile(MARKER_FILE);
        return data == null ? null : data.toPath();
    }

    static Path home(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.dir"));
    }
}
