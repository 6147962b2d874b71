extension LatencyMetric {
    /// Its name in the report's tables, chart titles and legends.
    var reportName: String {
        switch self {
        case .ttft: "TTFT"
        case .tpot: "TPOT"
        case .itl: "ITL"
        case .itlToken: "ITL per token"
        case .connect: "connect"
        case .ttftContent: "TTFT (answer text)"
        case .e2e: "E2E"
        case .scheduleLag: "start lag"
        case .intendedTTFT: "intended TTFT"
        case .intendedE2E: "intended E2E"
        case .timingsPrompt: "server prompt (timings)"
        case .timingsTPOT: "server TPOT (timings)"
        case .clientLag: "client lag"
        }
    }

    /// Whether each case's section draws its distribution: the metrics the console gives a line
    /// of their own (TTFT, TPOT, ITL, ITL per token, E2E); the others are in the table only.
    var hasDistributionChart: Bool {
        switch consoleLine {
        case .always, .whenMeasured: true
        case .loadLine, .clientLine, nil: false
        }
    }
}
