/// How `HTMLReport` writes its page.
public struct ReportOptions: Sendable, Equatable {
    /// The page's title and heading; nil names it after the runs ("llm-bench report: run a1b2c3").
    public var title: String?

    public init(title: String? = nil) {
        self.title = title
    }
}
