/// One server-sent event: its `event:` type, if any, and its `data:` lines joined by `\n`.
public struct ServerSentEvent: Equatable, Sendable {
    /// The `event:` field, empty when the event had none.
    var type: [UInt8]
    /// The `data:` field values joined by `\n`.
    public var data: [UInt8]

    /// Whether this is the `data: [DONE]` marker that ends an OpenAI stream.
    public var isDoneMarker: Bool { data.count == 6 && data.elementsEqual("[DONE]".utf8) }
    /// Whether the event was sent as `event: error`.
    public var isErrorType: Bool { type.count == 5 && type.elementsEqual("error".utf8) }
}
