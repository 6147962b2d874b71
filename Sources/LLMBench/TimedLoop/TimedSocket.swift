#if os(Linux)
    import Glibc
    import NIOCore

    /// The system calls of a `TimedSocketChannel`'s non-blocking TCP socket.
    enum TimedSocket {
        /// What one `recvmsg` brought.
        enum Received {
            /// `count` bytes, and the kernel's receive time of the last of them (`CLOCK_REALTIME`
            /// nanoseconds) when the socket gave one.
            case bytes(count: Int, kernelRealtime: UInt64?)
            /// Nothing to read now.
            case wouldBlock
            /// The server closed its side.
            case endOfFile
            case failed(errno: Int32)
        }

        /// A new socket for `address`, connecting: TCP_NODELAY on, and `SO_TIMESTAMPNS` when
        /// `receiveTimestamps` asks (its error number when refused). `isConnected` when the connect
        /// finished at once.
        static func open(
            connectingTo address: SocketAddress,
            receiveTimestamps: Bool
        ) throws(IOError) -> (descriptor: Int32, isConnected: Bool, timestampError: Int32?) {
            let descriptor = socket(
                address.protocol.rawValue,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                0
            )
            guard descriptor >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
            var on: Int32 = 1
            let size = socklen_t(MemoryLayout<Int32>.size)
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, size)
            var timestampError: Int32?
            if receiveTimestamps,
                setsockopt(
                    descriptor,
                    ReceiveTimestampMessage.socketLevel,
                    ReceiveTimestampMessage.timestampNanoseconds,
                    &on,
                    size
                ) != 0
            {
                timestampError = errno
            }
            let result = address.withSockAddr { pointer, length in
                Glibc.connect(descriptor, pointer, socklen_t(length))
            }
            if result == 0 { return (descriptor, true, timestampError) }
            let code = errno
            guard code == EINPROGRESS else {
                Glibc.close(descriptor)
                throw IOError(errnoCode: code, reason: "connect")
            }
            return (descriptor, false, timestampError)
        }

        /// The outcome of a finished non-blocking connect: nil, or its error number.
        static func connectError(of descriptor: Int32) -> Int32? {
            var code: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &size) == 0 else { return errno }
            return code == 0 ? nil : code
        }

        /// Reads into `bytes` with `recvmsg`, the control messages into `control` (empty: none asked).
        static func receive(
            from descriptor: Int32,
            into bytes: UnsafeMutableRawBufferPointer,
            control: UnsafeMutableRawBufferPointer
        ) -> Received {
            var vector = iovec(iov_base: bytes.baseAddress, iov_len: bytes.count)
            var message = msghdr()
            message.msg_control = control.count > 0 ? control.baseAddress : nil
            message.msg_controllen = control.count
            while true {
                let count = withUnsafeMutablePointer(to: &vector) { vector in
                    message.msg_iov = vector
                    message.msg_iovlen = 1
                    return recvmsg(descriptor, &message, 0)
                }
                if count > 0 {
                    let cut = message.msg_flags & Int32(MSG_CTRUNC) != 0
                    let stamp =
                        cut || message.msg_controllen == 0
                        ? nil
                        : ReceiveTimestampMessage.realtimeNanoseconds(
                            in: UnsafeRawBufferPointer(rebasing: control[..<Int(message.msg_controllen)])
                        )
                    return .bytes(count: count, kernelRealtime: stamp)
                }
                if count == 0 { return bytes.isEmpty ? .wouldBlock : .endOfFile }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .wouldBlock
                case let code: return .failed(errno: code)
                }
            }
        }

        /// Writes what it can of `bytes`: the count written (0 when the socket is full), or an error number.
        static func send(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Result<Int, IOError> {
            while true {
                let count = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
                if count >= 0 { return .success(count) }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .success(0)
                case let code: return .failure(IOError(errnoCode: code, reason: "send"))
                }
            }
        }
    }
#endif
