import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A chart's SVG read back with Foundation's XML parser: proof that it is well-formed, and its
/// elements with their attributes, enclosing classes and hover titles for the tests to inspect.
struct SVGDocument {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// The `class` attributes of the enclosing elements, innermost first.
        let ancestorClasses: [String]
        /// The text of the element's own `<title>` child, if it has one.
        var title: String?
        /// The element's own text (for `<text>` and `<title>`).
        var text: String

        func hasAncestor(class name: String) -> Bool {
            ancestorClasses.contains { $0.split(separator: " ").contains(Substring(name)) }
        }

        var classes: [Substring] { (attributes["class"] ?? "").split(separator: " ") }
    }

    private(set) var elements: [Element] = []

    /// Parses `svg`; throws the parser's error when it is not well-formed XML.
    init(_ svg: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw ParseFailure(description: parser.parserError.map { "\($0)" } ?? "unknown error")
        }
        elements = collector.elements
    }

    struct ParseFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The elements that plot a point (those with `data-x`).
    var points: [Element] { elements.filter { $0.attributes["data-x"] != nil } }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    func elements(withClass name: String) -> [Element] {
        elements.filter { $0.classes.contains(Substring(name)) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String]
        ) {
            let classes = open.reversed().map { elements[$0].attributes["class"] ?? "" }
            elements.append(Element(name: elementName, attributes: attributes, ancestorClasses: classes, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let current = open.last else { return }
            elements[current].text += string
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            guard let current = open.popLast() else { return }
            if elementName == "title", let parent = open.last {
                elements[parent].title = elements[current].text
            }
        }
    }
}
