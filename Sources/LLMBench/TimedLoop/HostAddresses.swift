#if os(Linux)
    import Glibc
    import NIOCore
    import NIOPosix

    /// The addresses a timed connection tries in turn: an IP address as written, or a host name's
    /// addresses as `getaddrinfo` orders them (resolved off the event loops).
    enum HostAddresses {
        /// A host name with no address, and the resolver's reason.
        struct Unresolvable: Error {
            let host: String
            let reason: String
        }

        static func resolve(host: String, port: Int) async throws -> [SocketAddress] {
            if let address = try? SocketAddress(ipAddress: host, port: port) { return [address] }
            return try await NIOThreadPool.singleton.runIfActive { try lookUp(host: host, port: port) }
        }

        private static func lookUp(host: String, port: Int) throws -> [SocketAddress] {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_flags = AI_ADDRCONFIG
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, String(port), &hints, &list)
            guard status == 0, let first = list else {
                throw Unresolvable(host: host, reason: String(cString: gai_strerror(status)).lowercased())
            }
            defer { freeaddrinfo(first) }
            var addresses: [SocketAddress] = []
            for info in sequence(first: first, next: { $0.pointee.ai_next }) {
                guard let raw = info.pointee.ai_addr else { continue }
                switch info.pointee.ai_family {
                case AF_INET:
                    let ipv4 = UnsafeRawPointer(raw).loadUnaligned(as: sockaddr_in.self)
                    addresses.append(SocketAddress(ipv4, host: host))
                case AF_INET6:
                    let ipv6 = UnsafeRawPointer(raw).loadUnaligned(as: sockaddr_in6.self)
                    addresses.append(SocketAddress(ipv6, host: host))
                default: continue
                }
            }
            guard !addresses.isEmpty else { throw Unresolvable(host: host, reason: "it has no IPv4 or IPv6 address") }
            return addresses
        }
    }
#endif
