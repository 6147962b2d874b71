import LLMBenchSupport
import Testing

/// `Result(catching:)` for asynchronous work: the value, or the error with its type.
struct ResultCatchingTests {
    struct Refusal: Error, Equatable {
        let code: Int
    }

    static func answer(_ code: Int) async throws(Refusal) -> String {
        guard code == 0 else { throw Refusal(code: code) }
        return "ok"
    }

    @Test func keepsTheValue() async throws {
        let result = await Result { () async throws(Refusal) in try await Self.answer(0) }
        #expect(try result.get() == "ok")
    }

    @Test func keepsTheErrorWithItsType() async {
        let result: Result<String, Refusal> = await Result { () async throws(Refusal) in try await Self.answer(3) }
        #expect(throws: Refusal(code: 3)) { try result.get() }
    }
}
