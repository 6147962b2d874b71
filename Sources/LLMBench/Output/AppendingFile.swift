#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file that complete lines are appended to, each written through to the system at once, so
/// the file is valid (whole lines only) at every moment and nothing measured waits in a buffer.
/// A line the system takes only in part (a full disk, a file-size limit) is cut off again.
final class AppendingFile {
    /// The file's path.
    let path: String
    private var descriptor: Int32
    /// Bytes of whole lines written so far.
    private var committedLength = 0

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Creates the file at `path`, which must not exist yet (`O_EXCL`): another run's file is
    /// never truncated or appended to. Nil when something is already at `path`.
    static func createNew(at path: String) throws(OutputError) -> AppendingFile? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { return nil }
            throw OutputError(path: path, reason: systemError())
        }
        return AppendingFile(path: path, descriptor: descriptor)
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
    }

    /// Appends `line` and a line feed with one write.
    func appendLine(_ line: [UInt8]) throws(OutputError) {
        var bytes = line
        bytes.append(0x0A)
        try writeAll(bytes)
    }

    /// Appends `line` and a line feed with one write.
    func appendLine(_ line: String) throws(OutputError) {
        try appendLine(Array(line.utf8))
    }

    /// Appends `lines`, text that already ends in a line feed, with one write.
    func append(lines: String) throws(OutputError) {
        try writeAll(Array(lines.utf8))
    }

    private func writeAll(_ bytes: [UInt8]) throws(OutputError) {
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.systemError()
                    return
                }
                offset += written
            }
        }
        if let failure {
            _ = ftruncate(descriptor, off_t(committedLength))
            throw OutputError(path: path, reason: failure)
        }
        committedLength += bytes.count
    }

    /// Closes the file; later appends fail.
    func closeFile() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
    }

    /// Closes and deletes the file (a run that ends before it measured anything).
    func remove() {
        closeFile()
        _ = unlink(path)
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
