#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's open-file limit, which bounds how many connections a benchmark can hold.
enum FileDescriptorLimit {
    /// Raises the soft limit to the hard limit; returns the limit now in force.
    @discardableResult
    static func raiseToMaximum() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur > rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }

    /// Checks that `connections` sockets (plus a margin for files and the event loop) fit.
    static func check(connections: Int) throws(BenchmarkError) {
        let available = raiseToMaximum()
        let needed = connections + 64
        guard needed <= available else {
            throw .limits(
                "this benchmark needs about \(needed) open files (one per connection) but the limit is \(available). "
                    + "Raise it (ulimit -n \(needed), or the hard limit in /etc/security/limits.conf) or lower num_concurrent_requests."
            )
        }
    }
}
