import Foundation

/// The folder in which the shards of a run meet at one case (`--sync`): each writes when it
/// arrived (`shard-I.arrived`) and, when it gave up waiting, when it started without the others
/// (`shard-I.started-without`). Each file holds one instant and a newline, and is read only whole.
struct ShardSyncFolder: Sendable {
    /// What the folder told at one look.
    struct Look: Sendable, Equatable {
        /// The arrivals, by shard index.
        var arrivals: [Int: Int64]
        /// The earliest instant at which a shard started without all the others, if one did.
        var startedWithout: Int64?
    }

    let path: String
    let shard: ShardSelection

    /// What to do when the folder cannot be written or read.
    static let remedy = "Give --sync a folder every shard can read and write (a shared volume), a new one for each run."

    /// Writes this shard's arrival; returns its instant and this clock − the folder's (from the
    /// file's modification time, nil when the folder gives none). A shard's arrival already there
    /// is a folder used by another run.
    func arrive() throws(OutputError) -> (instant: Int64, clockOffset: Int64?) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription, remedy: Self.remedy)
        }
        let file = self.file(shard.index, "arrived")
        let before = WallClock.now()
        guard try Self.create(file, holding: before) else {
            throw OutputError(
                path: file,
                reason: "\(shard) already arrived here: the folder holds another run's start",
                remedy: "Give each run a new --sync folder."
            )
        }
        let after = WallClock.now()
        var status = stat()
        guard stat(file, &status) == 0 else { return (before, nil) }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return (before, before / 2 + after / 2 - modified)
    }

    /// Writes that this shard starts at `instant` without all the others.
    func markStartedWithout(at instant: Int64) throws(OutputError) {
        _ = try Self.create(file(shard.index, "started-without"), holding: instant)
    }

    /// Whether shard `index` has arrived here.
    func hasArrived(_ index: Int) -> Bool {
        FileManager.default.fileExists(atPath: file(index, "arrived"))
    }

    /// The arrivals written here at or after `earliest` (older ones are another run's), and the
    /// earliest start without all the others, however old: a shard later than the timeout still
    /// begins at once, counted late.
    func look(since earliest: Int64) throws(OutputError) -> Look {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription, remedy: Self.remedy)
        }
        var look = Look(arrivals: [:], startedWithout: nil)
        for name in names where name.hasPrefix("shard-") {
            let parts = name.dropFirst("shard-".count).split(separator: ".", maxSplits: 1)
            guard parts.count == 2, let index = Int(parts[0]), (0..<shard.count).contains(index),
                let instant = Self.instant(in: (path as NSString).appendingPathComponent(name))
            else { continue }
            switch parts[1] {
            case "arrived" where instant >= earliest: look.arrivals[index] = instant
            case "started-without": look.startedWithout = min(look.startedWithout ?? instant, instant)
            default: continue
            }
        }
        return look
    }

    private func file(_ index: Int, _ kind: String) -> String {
        (path as NSString).appendingPathComponent("shard-\(index).\(kind)")
    }

    /// The instant a file holds, nil while it is not yet whole (no newline) or not an instant.
    private static func instant(in file: String) -> Int64? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") else { return nil }
        return Int64(text.dropLast())
    }

    /// Creates `file` holding `instant`, or returns false when it exists. Written under a draft
    /// name and linked, so it appears whole; where the file system has no hard links, created
    /// exclusively and written, which a reader sees whole once its newline is there.
    private static func create(_ file: String, holding instant: Int64) throws(OutputError) -> Bool {
        let bytes = Array("\(instant)\n".utf8)
        let draft = file + ".\(ProcessInfo.processInfo.processIdentifier).draft"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: draft))
        } catch {
            throw OutputError(path: draft, reason: (error as NSError).localizedDescription, remedy: remedy)
        }
        defer { unlink(draft) }
        if link(draft, file) == 0 { return true }
        let linkFailure = errno
        if linkFailure == EEXIST { return false }
        guard [EPERM, EACCES, EOPNOTSUPP, EXDEV, ENOSYS, EMLINK].contains(linkFailure) else {
            throw OutputError(path: file, reason: String(cString: strerror(linkFailure)), remedy: remedy)
        }
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw OutputError(path: file, reason: String(cString: strerror(errno)), remedy: remedy)
        }
        defer { close(descriptor) }
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw OutputError(path: file, reason: String(cString: strerror(errno)), remedy: remedy)
        }
        return true
    }
}
