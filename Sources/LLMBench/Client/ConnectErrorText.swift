import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Turns network errors into short user-facing text: what happened, never NIO's or BoringSSL's
/// own wording, nor the build paths their descriptions carry.
enum ConnectErrorText {
    /// "connection refused (…)", "connection reset by the server", … for any error a connection raises.
    static func describe(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return "the host name could not be resolved"
            }
            if let first = connection.connectionErrors.first {
                return describe(first.error)
            }
            return "no address of the host could be connected to"
        }
        if let io = error as? IOError { return describe(errno: io.errnoCode) }
        #if os(Linux)
            if let unresolvable = error as? HostAddresses.Unresolvable {
                return "the host name could not be resolved (\(unresolvable.reason))"
            }
        #endif
        if let channel = error as? ChannelError { return describe(channel) }
        if error is HTTPParserError { return "the answer is not valid HTTP/1.1" }
        if let tls = TLSErrorText.describe(error) { return tls }
        return withoutPaths("\(error)")
    }

    /// The text of a socket error number.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused (is the server running on that port?)"
        case ECONNRESET: "connection reset by the server"
        case EPIPE: "the server closed the connection while the request was being sent"
        case EHOSTUNREACH, ENETUNREACH: "the host is unreachable"
        case ETIMEDOUT: "the connection timed out"
        case EADDRNOTAVAIL: "no local port is free for another connection"
        case EMFILE, ENFILE: "too many open files (raise ulimit -n)"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    private static func describe(_ error: ChannelError) -> String {
        switch error {
        case .connectTimeout: "the connection timed out"
        case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof:
            "the connection was closed"
        default: withoutPaths("\(error)")
        }
    }

    /// `text` without file paths and line numbers (`… at /build/x.swift:12`, `file: "…"`).
    static func withoutPaths(_ text: String) -> String {
        text.replacing(#/(,? ?file: ?"[^"]*"|,? ?line: ?\d+|( at)? ?/[^\s:,)"]+(:\d+)?)/#, with: "")
    }
}
