/// Idle keep-alive connections of the timed phase, handed to requests as they start.
///
/// Owned by the benchmark's parent task; child tasks receive a connection and give back the one
/// they end with.
final class ConnectionPool {
    fileprivate var idle: [HTTPConnection] = []

    /// Adds connections opened before timing.
    init(_ connections: [HTTPConnection]) {
        idle = connections
    }

    /// An open idle connection, or nil (the request then connects, timed apart).
    func take() -> HTTPConnection? {
        while let connection = idle.popLast() {
            if connection.isActive { return connection }
        }
        return nil
    }

    /// Returns a connection after its request.
    func give(_ connection: HTTPConnection?) {
        if let connection, connection.isActive { idle.append(connection) }
    }

    /// Closes every idle connection.
    func closeAll() async {
        let connections = idle
        idle.removeAll()
        for connection in connections { await connection.close() }
    }
}

extension ConnectionPool {
    /// Idle connections held.
    var idleCount: Int { idle.count }
}
