import Foundation

extension RunResults {
    /// A run killed before its end, whose summary is empty: its rows from the results file (the
    /// cases it finished), its id and start from its file names; config, seed and definitions
    /// unknown. The caller reads its records and places its rows (`placeCasesByRecords`).
    static func unfinished(_ files: RunFiles) throws(ResultsReadError) -> RunResults {
        guard let results = files.results else { throw .unfinishedSummary(path: files.summary) }
        let rows = try ResultsFile.rows(of: results)
        let name = URL(fileURLWithPath: files.stem).lastPathComponent.split(separator: "_")
        return RunResults(
            runID: name.last.map(String.init) ?? "",
            tool: "llm-bench",
            version: "",
            startedAt: name.dropLast().last.map { Self.startTime(stamp: String($0)) } ?? "",
            finishedAt: "",
            seed: nil,
            configFile: nil,
            config: .null,
            definitions: [:],
            cases: rows.enumerated().map { CaseResults(caseIndex: $0.offset, step: 0, columns: $0.element) },
            sweeps: [],
            wasInterrupted: true,
            files: files,
            records: [],
            isUnfinished: true
        )
    }

    /// The UTC start a file name's stamp (`20261201T223637.999Z`) gives, as summaries write it
    /// (`2026-12-01T22:36:37Z`); empty when it is not such a stamp.
    static func startTime(stamp: String) -> String {
        let digits = Array(stamp)
        guard digits.count == 20, digits[8] == "T", digits[15] == ".", digits[19] == "Z",
            digits.enumerated().allSatisfy({
                [8, 15, 19].contains($0.offset) || $0.element.isASCII && $0.element.isNumber
            })
        else { return "" }
        let text = { (range: Range<Int>) in String(digits[range]) }
        return "\(text(0..<4))-\(text(4..<6))-\(text(6..<8))T\(text(9..<11)):\(text(11..<13)):\(text(13..<15))Z"
    }
}
