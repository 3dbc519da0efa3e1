package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.strata.console.shell.Messages;

/**
 * Every text the console shows comes from {@code messages.properties}: no FXML attribute an operator reads carries
 * literal text (each is {@code %key}, and the key exists), and no Java source puts a literal on a control, a window
 * or a message line. A literal added later turns this red.
 */
class BundleTextsTest {

    /** The FXML attributes a user reads (or a screen reader says). */
    private static final Set<String> SHOWN = Set.of("text", "promptText", "title", "label", "accessibleText",
            "accessibleHelp", "headerText", "contentText");

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SOURCES = Path.of("src/main/java");

    /**
     * A string literal with a letter in it handed to what shows text: a control's constructor or text setter, a
     * window's title, a dialog's texts, a message property, a {@code ConsoleException}'s message.
     */
    private static final Pattern LITERAL_SHOWN = Pattern.compile("(new (Label|Button|CheckBox|RadioButton|Tab|Tooltip"
            + "|MenuItem|Menu|TitledPane|Hyperlink|ToggleButton)\\(|\\.(setText|setTitle|setPromptText|setHeaderText"
            + "|setContentText|setAccessibleText)\\(|message(Property\\(\\))?\\.set\\(|new ConsoleException\\("
            + "[^,]+,)\\s*\"[^\"]*\\p{L}");

    @Test
    void everyShownFxmlAttributeIsABundleKeyThatExists() throws Exception {
        ResourceBundle bundle = Messages.bundle();
        List<String> literal = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".fxml")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "every view's FXML is checked: " + files);
        int checked = 0;
        for (Path file : files) {
            NodeList elements = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                    .getElementsByTagName("*");
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                NamedNodeMap attributes = element.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    Node attribute = attributes.item(a);
                    if (!SHOWN.contains(attribute.getNodeName())) {
                        continue;
                    }
                    checked++;
                    String value = attribute.getNodeValue();
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (!value.startsWith("%")) {
                        literal.add(file.getFileName() + ": <" + element.getTagName() + " " + attribute.getNodeName()
                                + "=\"" + value + "\">");
                    } else if (!bundle.containsKey(value.substring(1))) {
                        literal.add(file.getFileName() + ": " + value + " is not in messages.properties");
                    }
                }
            }
        }
        assertTrue(checked > 100, "the texts were found: " + checked);
        assertEquals(List.of(), literal, "write these as %key in messages.properties");
    }

    @Test
    void noJavaSourcePutsALiteralTextOnScreen() throws IOException {
        List<String> literal = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LITERAL_SHOWN.matcher(lines.get(i));
                if (m.find()) {
                    literal.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertTrue(files.size() > 40, "the sources were found: " + files.size());
        assertEquals(List.of(), literal, "take these texts from messages.properties (Messages.get)");
    }

    @Test
    void theCheckSeesALiteralWhenThereIsOne() {
        // the pattern itself, on lines as they were before the texts moved to the bundle
        assertTrue(LITERAL_SHOWN.matcher("stage.setTitle(\"Strata console\");").find());
        assertTrue(LITERAL_SHOWN.matcher("message.set(\"Enter the runtime's address.\");").find());
        assertTrue(LITERAL_SHOWN.matcher("throw new ConsoleException(ConsoleException.Kind.FAILED, \"No truststore "
                + "file at \" + truststore);").find());
        assertTrue(LITERAL_SHOWN.matcher("private final Tab add = new Tab(\"New\");").find());
        assertTrue(!LITERAL_SHOWN.matcher("message.set(\"\");").find(), "clearing a message is no text");
        assertTrue(!LITERAL_SHOWN.matcher("message.set(Messages.get(\"connect.noHost\"));").find());
    }
}
