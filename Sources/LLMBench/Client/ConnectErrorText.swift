import NIOCore
import NIOPosix

/// Turns connection errors into short user-facing text.
enum ConnectErrorText {
    /// "connection refused", "host not found", … or the error itself.
    static func describe(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return "the host name could not be resolved"
            }
            if let first = connection.connectionErrors.first {
                return describe(first.error)
            }
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused (is the server running on that port?)"
            case EHOSTUNREACH, ENETUNREACH: return "the host is unreachable"
            case ETIMEDOUT: return "the connection timed out"
            default: return io.description
            }
        }
        return "\(error)"
    }
}
