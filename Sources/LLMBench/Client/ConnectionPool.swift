/// Idle keep-alive connections to the server, handed out as calls start: the timed requests' pool
/// and the control plane's each hold one.
///
/// Owned by one task (the benchmark's parent task, or the `ControlClient` actor); child tasks
/// receive a connection and give back the one they end with.
final class ConnectionPool {
    private var idle: [HTTPConnection] = []

    /// An empty pool.
    init() {}

    /// An open idle connection, or nil (the caller then connects).
    func take() -> HTTPConnection? {
        while let connection = idle.popLast() {
            if connection.isActive { return connection }
        }
        return nil
    }

    /// Returns a connection after its call; a closed one is dropped.
    func give(_ connection: HTTPConnection?) {
        if let connection, connection.isActive { idle.append(connection) }
    }

    /// Empties the pool, handing over its connections to be closed.
    func takeAll() -> [HTTPConnection] {
        defer { idle.removeAll() }
        return idle
    }

    /// Closes every idle connection.
    func closeAll() async {
        for connection in takeAll() { await connection.close() }
    }

    /// Idle connections held.
    var idleCount: Int { idle.count }
}
