package dev.hardnetzoo.hardnetdet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Reads PASCAL VOC annotation files ({@code <object><name/><difficult/><bndbox>…}) with the JDK's XML parser, DTDs refused. */
public final class VocAnnotations {
    private VocAnnotations() {}

    public static List<GroundTruth> read(Path xml) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(xml)) {
            doc = builder().parse(in);
        } catch (SAXException e) {
            throw new IOException("annotation file " + xml + " is not well-formed XML: " + e.getMessage(), e);
        }
        List<GroundTruth> out = new ArrayList<>();
        NodeList objects = doc.getDocumentElement().getElementsByTagName("object");
        for (int i = 0; i < objects.getLength(); i++) {
            Element obj = (Element) objects.item(i);
            String where = xml + ", object " + (i + 1);
            Element box = child(obj, "bndbox", where);
            String difficult = optionalText(obj, "difficult");
            out.add(new GroundTruth(text(obj, "name", where), difficult != null && Integer.parseInt(difficult) != 0,
                    coordinate(box, "xmin", where), coordinate(box, "ymin", where),
                    coordinate(box, "xmax", where), coordinate(box, "ymax", where)));
        }
        return out;
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // report errors as exceptions only, not also on stderr
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    /** VOC boxes are integers, but some tools write "48.0"; truncated as the reference's int() of a float string would fail to. */
    private static int coordinate(Element box, String tag, String where) throws IOException {
        String t = text(box, tag, where);
        try {
            return (int) Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": <" + tag + "> is not a number: '" + t + "'");
        }
    }

    private static Element child(Element parent, String tag, String where) throws IOException {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) return e;
        }
        throw new IOException(where + " has no <" + tag + ">");
    }

    private static String text(Element parent, String tag, String where) throws IOException {
        return child(parent, tag, where).getTextContent().strip();
    }

    private static String optionalText(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) return e.getTextContent().strip();
        }
        return null;
    }
}
