import NIOCore
import NIOHTTP1

extension GenerationStateMachine {
    /// What the driver does in answer to an event.
    enum Action: Equatable {
        /// Nothing: the event does not apply in this state.
        case none
        /// Flush when `flush` is set, then send ``GenerationStateMachine/timerFired(_:)`` at `timer`.
        case schedule(Timer, flush: Bool)
        /// Flush, then send ``GenerationStateMachine/writable(_:)`` once the channel is writable.
        case flushAndWaitForWritability
        /// Write and flush the stream's head when `writeHead` is set, then `then`.
        case openResponse(writeHead: Bool, then: Opening)
        /// Write a token event, then send ``GenerationStateMachine/eventWritten(_:)``.
        case writeEvent(EventWrite)
        /// The request is over.
        case end(Ending)
        /// Give back the sequence slot that came after the request was cancelled.
        case releaseSlot
    }

    /// When a timer fires.
    enum Timer: Equatable {
        /// At this uptime.
        case at(uptimeNanoseconds: UInt64)
        /// On the event loop's next turn, after the other connections' work.
        case nextLoopTurn
    }

    /// What follows the head of a response.
    enum Opening: Equatable {
        /// Ask for a sequence slot; on success send ``GenerationStateMachine/admitted(_:)``.
        case requestAdmission
        /// End the request without generating.
        case end(Ending)
    }

    /// One token event to write.
    struct EventWrite: Equatable {
        /// The event's bytes; `nil` when not streaming (the response is written whole at the end).
        var event: ByteBuffer?
        /// The `malformed_chunk` fault's broken event, written and flushed right after.
        var malformed: ByteBuffer?
        /// The event's tokens and when they were generated, for the server's metrics.
        var generated: GeneratedTokens?
    }

    /// How a request ends. Each case gives the order of its effects.
    enum Ending: Equatable {
        /// The last token is out: free the slot, record the truth as completed, then write `Response`.
        case completed(RequestTruth, Response)
        /// A fault ended it: record the truth, free the slot when `releasesSlot`, then write `Response`.
        case faulted(RequestTruth, releasesSlot: Bool, Response)
        /// The connection went away: stop the timer, record the truth, then give up `Slot`.
        case disconnected(RequestTruth, Slot)
    }

    /// The rest of the response. Each hands the connection back first.
    enum Response: Equatable {
        /// Write `tail`, then end the chunked body.
        case stream(tail: ByteBuffer)
        /// Write a whole JSON response.
        case json(HTTPResponseStatus, body: String)
        /// Flush and close the connection, leaving the response unfinished.
        case close
    }

    /// What a cancelled request holds of the admission queue.
    enum Slot: Equatable {
        /// Nothing.
        case none
        /// A sequence slot, to be released.
        case release
        /// A place in the queue, to be left (a slot handed over meanwhile comes back through
        /// ``GenerationStateMachine/admitted(_:)``).
        case leaveQueue
    }
}
