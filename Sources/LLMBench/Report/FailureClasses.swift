/// Failed requests by failure class, as a results row's `failures` column states them
/// (`kind=count` pairs separated by `;`).
struct FailureClasses: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var kind: String
        var count: Int
    }

    /// In the column's order.
    var entries: [Entry]

    /// The classes of `results`' `failures` column; empty when nothing failed.
    init(_ results: CaseResults) {
        entries = (results.text("failures") ?? "").split(separator: ";").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let count = Int(parts[1]) else { return nil }
            return Entry(kind: String(parts[0]), count: count)
        }
    }

    /// Failed requests in all classes.
    var total: Int { entries.reduce(0) { $0 + $1.count } }
}
