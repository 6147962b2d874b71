import NIOCore

extension String {
    /// Whether the text is an IPv4 or IPv6 address literal (no SNI is sent for those).
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
