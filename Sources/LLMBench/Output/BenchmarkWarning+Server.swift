import Foundation

extension BenchmarkWarning {
    /// The warnings of a case's server figures: token counts that differ from the client's, and
    /// figures that could not be read.
    static func serverFigures(in summary: CaseSummary) -> [BenchmarkWarning] {
        guard let figures = summary.serverFigures else { return [] }
        var warnings = [BenchmarkWarning]()
        if let server = figures.promptTokens, let client = figures.client.promptTokens, Int(server) != client {
            warnings.append(
                .serverTokenCountsDiffer(
                    caseIndex: summary.caseIndex,
                    tokens: "prompt",
                    server: Int(server),
                    client: client
                )
            )
        }
        if let server = figures.generationTokens, Int(server) != figures.client.outputTokens {
            warnings.append(
                .serverTokenCountsDiffer(
                    caseIndex: summary.caseIndex,
                    tokens: "generation",
                    server: Int(server),
                    client: figures.client.outputTokens
                )
            )
        }
        return warnings
            + figures.notes.filter { $0 != ServerCaseFigures.noRoundDuringTheCase }.map {
                .serverFiguresIncomplete(caseIndex: summary.caseIndex, reason: $0)
            }
    }

    /// `+34 (+2.8 %)`: the difference and its share of the client's count.
    static func difference(_ server: Int, _ client: Int) -> String {
        let delta = server - client
        let text = delta > 0 ? "+\(delta)" : "\(delta)"
        guard client != 0 else { return text }
        return text + String(format: " (%+.1f %%)", Double(delta) / Double(client) * 100)
    }
}
