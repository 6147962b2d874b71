/// Waits for SIGINT or SIGTERM.
enum SignalWaiter {
    static func waitForInterrupt() async {
        let (signals, continuation) = AsyncStream<Void>.makeStream()
        let handler = InterruptHandler { _ in continuation.yield() }
        for await _ in signals { break }
        handler.remove()
    }
}
