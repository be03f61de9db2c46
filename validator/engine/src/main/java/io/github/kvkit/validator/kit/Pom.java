package io.github.kvkit.validator.kit;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

/**
 * One of the repository's {@code pom.xml} files: what a kit needs to read from it, and the copy of it a kit's
 * Maven repository holds, which names the kit's version and none of the repository's folders.
 */
final class Pom {

    private final Path file;
    private final byte[] bytes;
    private final Document document;

    private Pom(Path file, byte[] bytes, Document document) {
        this.file = file;
        this.bytes = bytes;
        this.document = document;
    }

    static Pom read(Path file) throws KitException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new Pom(file, bytes, parse(bytes));
        } catch (IOException | SAXException e) {
            throw new KitException(file + ": cannot be read as a pom (" + e.getMessage() + ")", e);
        }
    }

    Path file() {
        return file;
    }

    /** The file as it is in the repository. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** The text of {@code project/NAME/...}, or empty. */
    String text(String... path) {
        Element e = child(document.getDocumentElement(), path);
        return e == null ? "" : e.getTextContent().strip();
    }

    String artifactId() {
        return text("artifactId");
    }

    /** The project's groupId, or its parent's. */
    String groupId() {
        String own = text("groupId");
        return own.isEmpty() ? text("parent", "groupId") : own;
    }

    /** The {@code <module>} entries of a parent pom. */
    List<String> modules() {
        return texts(child(document.getDocumentElement(), "modules"), "module");
    }

    /** The artifactIds of the project's dependencies in {@code groupId}. */
    List<String> dependenciesIn(String groupId) {
        List<String> out = new ArrayList<>();
        Element dependencies = child(document.getDocumentElement(), "dependencies");
        for (Element dependency : elements(dependencies, "dependency")) {
            String group = text(dependency, "groupId");
            if (group.equals(groupId) || group.equals("${project.groupId}")) {
                out.add(text(dependency, "artifactId"));
            }
        }
        return out;
    }

    /**
     * The parent pom as a kit ships it: at {@code version}, without its modules (they are the repository's
     * folders). Its dependency management, plugin versions and platform profiles are what the kit's poms inherit.
     */
    byte[] asKitParent(String version) throws KitException {
        Document copy = copy();
        Element project = copy.getDocumentElement();
        set(project, "version", version);
        remove(project, "modules");
        return write(copy);
    }

    /**
     * A module's pom as a kit ships it: its parent at {@code version}, found in a repository rather than a folder,
     * without how it is built (the build section names the repository's folders, {@code solution/} among them) and
     * without its description, which describes the module as the repository builds it.
     */
    byte[] asKitModule(String version) throws KitException {
        Document copy = copy();
        Element project = copy.getDocumentElement();
        Element parent = child(project, "parent");
        set(parent, "version", version);
        set(parent, "relativePath", "");
        remove(project, "description");
        remove(project, "build");
        remove(project, "profiles");
        return write(copy);
    }

    // ---------------------------------------------------------------------------------------------------

    private Document copy() throws KitException {
        try {
            return parse(bytes);
        } catch (IOException | SAXException e) {
            throw new KitException(file + ": cannot be read as a pom (" + e.getMessage() + ")", e);
        }
    }

    private static Document parse(byte[] bytes) throws IOException, SAXException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this JDK's XML parser cannot be configured: " + e, e);
        }
    }

    private byte[] write(Document doc) throws KitException {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            // The JDK writes its own declaration on the same line as the root; this one has a line of its own.
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            out.write('\n');
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new KitException(file + ": cannot be written for the kit (" + e.getMessage() + ")", e);
        }
    }

    private static void set(Element parent, String name, String value) {
        Element e = child(parent, name);
        if (e == null) {
            e = parent.getOwnerDocument().createElement(name);
            parent.appendChild(e);
        }
        e.setTextContent(value);
    }

    /** Removes the element, the comment right above it (which speaks of it), and one of the blanks around them. */
    private static void remove(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return;
        }
        Node before = e.getPreviousSibling();
        Node after = e.getNextSibling();
        parent.removeChild(e);
        if (before != null && isBlank(before) && before.getPreviousSibling() != null
                && before.getPreviousSibling().getNodeType() == Node.COMMENT_NODE) {
            Node comment = before.getPreviousSibling();
            parent.removeChild(before);
            before = comment.getPreviousSibling();
            parent.removeChild(comment);
        }
        if (before != null && isBlank(before) && after != null && isBlank(after)) {
            parent.removeChild(after.getNextSibling() == null ? before : after);
        }
    }

    private static boolean isBlank(Node n) {
        return n.getNodeType() == Node.TEXT_NODE && n.getTextContent().isBlank();
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }

    private static List<String> texts(Element parent, String name) {
        return elements(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static Element child(Element from, String... path) {
        Element e = from;
        for (String name : path) {
            if (e == null) {
                return null;
            }
            List<Element> found = elements(e, name);
            e = found.isEmpty() ? null : found.get(0);
        }
        return e;
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
