/// The row of one turn index of a multi-turn case, in the turns file: the case's place and the
/// turn, then every column of a results row computed over that turn's requests.
struct TurnResultRow {
    /// The columns that lead each row, before the results row's.
    static let leadingColumns = ["case", "step", "turn"]

    /// Every column, in file order.
    static let columns: [String] = leadingColumns + ResultRow.columns

    /// The CSV header line.
    static let csvHeader: String = columns.map(CSV.escape).joined(separator: ",")

    /// The rows of `summary`'s turns; none for a case of single requests.
    static func rows(of summary: CaseSummary) -> [ResultRow] {
        summary.turns.map { turn in
            var row = ResultRow(turn)
            row.cells.insert(contentsOf: leadingCells(of: turn), at: 0)
            return row
        }
    }

    private static func leadingCells(of turn: CaseSummary) -> [(name: String, value: ResultValue)] {
        [
            ("case", .integer(turn.caseIndex)),
            ("step", .integer(turn.step)),
            ("turn", turn.turn.map(ResultValue.integer) ?? .missing),
        ]
    }
}
