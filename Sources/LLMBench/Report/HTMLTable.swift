import Foundation

/// A table of the page: a caption, a header row and body rows, every text escaped.
struct HTMLTable: Sendable {
    /// One cell: text, a number (right-aligned, tabular figures), or markup made by the page.
    enum Cell: Sendable {
        case text(String)
        case number(String)
        case markup(String)
    }

    var caption: String
    var headers: [String]
    var rows: [[Cell]]
    /// How many leading cells of each row are row headers (`<th scope="row">`).
    var rowHeaderCount = 1

    /// The `<table>` element.
    var html: String {
        var html = "<div class=\"table-wrap\"><table><caption>\(HTMLEscaping.escaped(caption))</caption><thead><tr>"
        for (index, header) in headers.enumerated() {
            let numeric =
                index >= rowHeaderCount && rows.first.map { $0.indices.contains(index) && $0[index].isNumber } == true
            html += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(HTMLEscaping.escaped(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let tag = index < rowHeaderCount ? "th scope=\"row\"" : "td"
                let end = index < rowHeaderCount ? "th" : "td"
                switch cell {
                case .text(let text): html += "<\(tag)>\(HTMLEscaping.escaped(text))</\(end)>"
                case .number(let text): html += "<\(tag) class=\"num\">\(HTMLEscaping.escaped(text))</\(end)>"
                case .markup(let markup): html += "<\(tag)>\(markup)</\(end)>"
                }
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// A value for people: `decimals` places, `–` when missing.
    static func figure(_ value: Double?, decimals: Int = 2) -> Cell {
        guard let value, value.isFinite else { return .number("–") }
        return .number(String(format: "%.\(decimals)f", value))
    }
}

extension HTMLTable.Cell {
    fileprivate var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
