/// Why the timed path's event loop could not start or watch a socket.
enum TimedLoopError: Error, CustomStringConvertible {
    case cannotStart(errno: Int32, call: String)
    case cannotWatch(errno: Int32)

    var description: String {
        switch self {
        case .cannotStart(let code, let call):
            "the client's event loop could not start (\(call): \(ConnectErrorText.describe(errno: code)))"
        case .cannotWatch(let code):
            "a connection could not be watched for reads (epoll_ctl: \(ConnectErrorText.describe(errno: code)))"
        }
    }
}
