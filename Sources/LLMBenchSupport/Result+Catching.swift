extension Result {
    /// The value `body` returns, or the error it throws, kept with its type: the asynchronous
    /// counterpart of the standard `Result(catching:)`, for a value handed through a task group or
    /// a `Task`, which would otherwise erase the error to `any Error`.
    ///
    /// Spell the closure's error type (`{ () async throws(PromptError) in … }`), as with the
    /// standard initialiser: Swift 6 infers `throws(any Error)` for a closure that does not, and
    /// `Failure` then becomes `any Error`.
    public init(catching body: () async throws(Failure) -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
