extension RequestTruth {
    /// The request's place in a multi-turn session, when it has one.
    public var sessionTurn: SessionTurn? {
        guard let session, let turn else { return nil }
        return SessionTurn(session: session, turn: turn)
    }

    /// Records the request as `position`'s turn (nil: not part of a session). The plan sets it from
    /// the request id; a server that chains turns itself (`previous_response_id`) may set it so too.
    public mutating func place(in position: SessionTurn?) {
        session = position?.session
        turn = position?.turn
    }
}
