package dev.strata.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Gogo finds the commands through service properties only, so a typo there or a renamed method would fail silently
 * at the shell. This reads the component description bnd generated (target/classes, before the tests run).
 */
class CommandRegistrationTest {

    private static String componentXml() throws IOException {
        String resource = "/OSGI-INF/" + StrataCommands.class.getName() + ".xml";
        try (InputStream in = StrataCommands.class.getResourceAsStream(resource)) {
            assertNotNull(in, "bnd generated " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theScopeIsStrataAndEveryFunctionIsAPublicMethodReturningText() throws IOException {
        String xml = componentXml();
        assertTrue(xml.contains("<property name=\"osgi.command.scope\" type=\"String\" value=\"strata\"/>"), xml);
        Matcher functions = Pattern.compile("<property name=\"osgi.command.function\" type=\"String\">([^<]*)</property>")
                .matcher(xml);
        assertTrue(functions.find(), xml);
        List<String> names = Arrays.asList(functions.group(1).trim().split("\\s+"));
        assertEquals(List.of("backends", "stores", "put", "get", "delete", "scan", "reopen", "meta", "metrics",
                "tagged"), names);
        for (String name : names) {
            List<Method> methods = Arrays.stream(StrataCommands.class.getMethods())
                    .filter(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()))
                    .toList();
            assertTrue(!methods.isEmpty(), "a public method " + name);
            methods.forEach(m -> assertEquals(String.class, m.getReturnType(), m.toString()));
        }
    }
}
