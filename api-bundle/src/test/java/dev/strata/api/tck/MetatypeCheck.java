package dev.strata.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.strata.api.spi.support.BackendSettings;

/**
 * For a backend's own unit tests: checks that bnd generated the metatype of the backend's typed configuration, that
 * it is designated under {@link BackendSettings#metatypePid(String)}, and that it describes exactly the keys
 * {@link BackendSettings#read} accepts, each with a name and a description. Run it from the backend's module (the
 * generated {@code OSGI-INF/metatype/<class>.xml} is on its test class path).
 */
public final class MetatypeCheck {

    private MetatypeCheck() {
    }

    /** @return the attribute ids the metatype lists */
    public static Set<String> assertPublished(Class<? extends Annotation> definition, String backendType)
            throws Exception {
        String resource = "OSGI-INF/metatype/" + definition.getName() + ".xml";
        Document xml;
        try (InputStream in = definition.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "no " + resource + ": is " + definition.getSimpleName() + " an @ObjectClassDefinition?");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            xml = factory.newDocumentBuilder().parse(in);
        }
        NodeList designates = xml.getElementsByTagNameNS("*", "Designate");
        assertEquals(1, designates.getLength(), "one Designate in " + resource);
        assertEquals(BackendSettings.metatypePid(backendType), ((Element) designates.item(0)).getAttribute("pid"),
                "the designated PID");
        Set<String> ids = new LinkedHashSet<>();
        NodeList attributes = xml.getElementsByTagNameNS("*", "AD");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            String id = attribute.getAttribute("id");
            ids.add(id);
            assertFalse(attribute.getAttribute("name").isBlank(), id + " has a name");
            assertFalse(attribute.getAttribute("description").isBlank(), id + " has a description");
        }
        assertEquals(BackendSettings.attributes(definition).keySet(), ids,
                "the metatype lists exactly the keys the backend reads");
        return ids;
    }
}
