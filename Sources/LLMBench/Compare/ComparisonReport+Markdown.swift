extension ComparisonReport {
    /// Markdown for a pull-request comment: a heading per candidate and per case, a table each.
    func markdownText() -> String {
        var text = ""
        for comparison in comparisons {
            text += "## llm-bench compare: \(Self.escaped(comparison.candidateName)) against "
            text += "\(Self.escaped(comparison.baselineName))\n\n"
            text += "Baseline run \(Self.escaped(ComparisonText.runs(comparison.baselineRunIDs))), candidate run "
            text += "\(Self.escaped(ComparisonText.runs(comparison.candidateRunIDs))). "
            text += "Method: \(ComparisonText.method(comparison.options)).\n\n"
            text += ComparisonText.caveats(comparison).map { "- Caution: \(Self.escaped($0)).\n" }.joined()
            for matched in comparison.cases {
                text += "\n### \(Self.escaped(matched.key.description))\n\n"
                text += "\(ComparisonText.sizes(matched).capitalizedFirst).\n\n"
                text += "| " + ComparisonText.headers.joined(separator: " | ") + " |\n"
                text += "| --- | ---: | ---: | ---: | ---: | --- | --- |\n"
                for figure in matched.figures {
                    var cells = ComparisonText.cells(figure).map(Self.escaped)
                    cells[0] = "`\(figure.figure.name)`"
                    if figure.verdict == .worse || figure.verdict == .better { cells[6] = "**\(cells[6])**" }
                    text += "| " + cells.joined(separator: " | ") + " |\n"
                }
                let notes = ComparisonText.notes(matched)
                if !notes.isEmpty { text += "\n" + notes.map { "- \(Self.escaped($0))\n" }.joined() }
            }
            if comparison.cases.isEmpty { text += "\nNo case matched: nothing to compare.\n" }
            let unmatched = ComparisonText.unmatched(comparison)
            if !unmatched.isEmpty {
                text += "\n### Unmatched cases\n\n" + unmatched.map { "- \(Self.escaped($0))\n" }.joined()
            }
            text += "\n"
        }
        if let outcome {
            text += "### Gate\n\n" + outcome.lines.map { "- \(Self.escaped($0))\n" }.joined()
        }
        return text
    }

    /// `text` safe in a heading, a list item or a table cell: a line break becomes a space, and
    /// the characters that would end a cell or start markup (`|`, `\\`, backtick, `*`, `_`, `[`,
    /// `]`, `<`) are backslash-escaped, so a file name can neither break a table nor become a link.
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character.isNewline {
                escaped.append(" ")
                continue
            }
            if "|\\`*_[]<".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension String {
    /// The text with its first letter upper-cased.
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
