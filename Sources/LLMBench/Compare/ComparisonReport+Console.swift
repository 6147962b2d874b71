extension ComparisonReport {
    /// Aligned tables, one per matched case: names left-aligned, figures right-aligned.
    func consoleText() -> String {
        var text = ""
        for comparison in comparisons {
            text += "Comparing \(comparison.candidateName) (run \(ComparisonText.runs(comparison.candidateRunIDs))) "
            text +=
                "with baseline \(comparison.baselineName) (run \(ComparisonText.runs(comparison.baselineRunIDs))).\n"
            text += "Method: \(ComparisonText.method(comparison.options)).\n"
            text += ComparisonText.caveats(comparison).map { "Caution: \($0).\n" }.joined()
            for matched in comparison.cases {
                text += "\n\(matched.key.description): \(ComparisonText.sizes(matched))\n"
                text += Self.aligned([ComparisonText.headers] + matched.figures.map(ComparisonText.cells))
                text += ComparisonText.notes(matched).map { "  note: \($0)\n" }.joined()
            }
            if comparison.cases.isEmpty { text += "\nNo case matched: nothing to compare.\n" }
            let unmatched = ComparisonText.unmatched(comparison)
            if !unmatched.isEmpty { text += "\nUnmatched cases:\n" + unmatched.map { "  \($0)\n" }.joined() }
            text += "\n"
        }
        if let outcome { text += outcome.lines.joined(separator: "\n") + "\n" }
        return text
    }

    /// `rows` in columns: the first and the last two left-aligned, the figures right-aligned.
    static func aligned(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let leftAligned: Set<Int> = [0, widths.count - 2, widths.count - 1]
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + padding : padding + cell
            }
            return "  " + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }
}

extension String {
    /// The text without spaces at its end.
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
