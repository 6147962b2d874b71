import NIOCore
import NIOPosix

@testable import LLMBench

/// The event loops tests send timed requests through, of the kind a benchmark uses: on Linux the
/// timed path's own loop with kernel receive stamps, elsewhere NIO's; shared and never shut down.
enum ClientEventLoops {
    static let shared: any EventLoopGroup = {
        #if os(Linux)
            // Starting a loop fails only when the process is out of descriptors or threads.
            try! TimedEventLoopGroup(threads: 1, receiveTimestamps: true)
        #else
            MultiThreadedEventLoopGroup.singleton
        #endif
    }()
}
