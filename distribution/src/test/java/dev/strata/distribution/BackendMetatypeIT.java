package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.spi.StorageBackend;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * What a metatype-aware tool (the console, through JMX) sees of the backends in the running runtime: for every
 * installed backend, found by its {@code strata.backend} type alone, the definition designated under
 * {@code dev.strata.backend.<type>} in the backend's bundle, with every key the backend reads.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackendMetatypeIT {

    /** The keys each shipped backend reads (their unit tests hold the code to the same lists). */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "memory", Set.of("memory.limit", "memory.policy", "compression"),
            "file", Set.of("compression", "encryption.keyAlias", "encryption.cipher", "cache.size", "memtable.size",
                    "memtable.maxPending", "checkpoint.interval", "wal.maxBytes", "block.size", "bloom.bitsPerKey",
                    "compaction.maxSegments"),
            "xodus", Set.of("xodus.logFileSize", "xodus.cacheSize", "cache.size", "xodus.gc", "xodus.syncPeriod",
                    "encryption.keyAlias", "xodus.verifyOnOpen"),
            "postgres", Set.of("postgres.url", "postgres.user", "postgres.passwordFile", "postgres.password",
                    "postgres.passwordKeystore", "postgres.passwordKeystoreAlias",
                    "postgres.passwordKeystorePasswordFile", "postgres.passwordKeystorePasswordEnv",
                    "postgres.poolSize", "postgres.connectTimeout", "postgres.statementTimeout", "postgres.retries",
                    "postgres.retryBackoff", "postgres.schema", "postgres.table", "postgres.enableMigrations",
                    "postgres.sslmode", "postgres.sslrootcert"),
            "example", Set.of("example.maxValueSize"));

    @Inject
    private BundleContext context;

    /** Injected once core is up, so every backend of bundle/ has registered. */
    @Inject
    private StorageService storage;

    @Inject
    private MetaTypeService metaTypes;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(BackendMetatypeIT.class);
    }

    @Test
    public void everyBackendPublishesEveryKeyItReadsUnderItsPid() throws Exception {
        Bundle example = context.installBundle(StrataRuntime.exampleBackendJar().toUri().toString());
        example.start();
        try {
            Map<String, Set<String>> found = new TreeMap<>();
            for (int attempt = 0; attempt < 300 && found.size() < EXPECTED.size(); attempt++) {
                found = attributeIdsByBackend();
                Thread.sleep(found.size() < EXPECTED.size() ? 100 : 0);
            }
            System.out.println("metatype of the backends: " + found);
            assertEquals(new TreeMap<>(EXPECTED), found);
        } finally {
            example.uninstall();
        }
    }

    @Test
    public void everyAttributeHasANameADescriptionAndADefaultOrIsOptional() throws Exception {
        for (ServiceReference<StorageBackend> backend : context.getServiceReferences(StorageBackend.class, null)) {
            String type = (String) backend.getProperty(StorageBackend.TYPE_PROPERTY);
            ObjectClassDefinition definition = definition(backend.getBundle(), type);
            assertNotNull("backend " + type + " has a definition", definition);
            assertFalse(definition.getName().isBlank());
            for (AttributeDefinition attribute : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                String where = type + " " + attribute.getID();
                assertFalse(where + " has a name", attribute.getName().isBlank());
                assertFalse(where + " has a description", attribute.getDescription().isBlank());
                if (attribute.getOptionValues() != null) {
                    assertEquals(where + " options", attribute.getOptionLabels().length,
                            attribute.getOptionValues().length);
                }
            }
            assertTrue(type + " has required or optional attributes",
                    definition.getAttributeDefinitions(ObjectClassDefinition.ALL).length > 0);
        }
    }

    private Map<String, Set<String>> attributeIdsByBackend() throws Exception {
        Map<String, Set<String>> found = new TreeMap<>();
        for (ServiceReference<StorageBackend> backend : context.getServiceReferences(StorageBackend.class, null)) {
            String type = (String) backend.getProperty(StorageBackend.TYPE_PROPERTY);
            ObjectClassDefinition definition = definition(backend.getBundle(), type);
            if (definition != null) {
                found.put(type, Arrays.stream(definition.getAttributeDefinitions(ObjectClassDefinition.ALL))
                        .map(AttributeDefinition::getID).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        return found;
    }

    /** As a tool finds it: the backend service's bundle, the PID made of the backend type. */
    private ObjectClassDefinition definition(Bundle bundle, String type) {
        MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
        String pid = "dev.strata.backend." + type;
        if (information == null || !Arrays.asList(information.getPids()).contains(pid)) {
            return null;
        }
        return information.getObjectClassDefinition(pid, null);
    }
}
