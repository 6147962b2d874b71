/// One answer of one server metrics URL, read during a case: what the server exposed and when.
struct MetricScrape: Sendable, Equatable {
    /// When in the case the scrape was taken.
    enum Moment: String, Sendable, Equatable {
        /// Before the case's first timed request.
        case start
        /// At the configured interval while the case runs.
        case interval
        /// After the case's last request ended.
        case end
    }

    /// The URL's position in the run's list of metrics URLs (several for a multi-node server).
    var source: Int
    /// The scrape round it belongs to: every URL is asked once per round, so one round's answers of
    /// all sources describe the same moment.
    var round: Int
    var moment: Moment
    /// `MonotonicClock` when the answer had arrived: the time axis of the requests' `send_clock_ns`.
    var clockNanoseconds: UInt64
    /// What the server exposed.
    var exposition: MetricExposition
}
