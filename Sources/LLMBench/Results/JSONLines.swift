import Foundation

/// The lines of a JSON Lines file llm-bench wrote as a run went on (requests, server metrics),
/// read in place: each non-blank line goes to a reader; a last line without its newline that the
/// reader rejects is a line cut short by a run killed while writing it, and is passed over.
enum JSONLines {
    /// Why a line other than a cut-off last one is not what the reader expects.
    struct Failure: Error {
        /// The line's number, from 1.
        var line: Int
        /// What is wrong, and where in the line.
        var reason: String
    }

    /// Calls `read` with a scanner over each non-blank line of the file at `path` (mapped, not
    /// copied), in order; a line `read` rejects fails the whole read as `corrupt` words it.
    ///
    /// - Returns: how many cut-off last lines were passed over (0 or 1).
    static func forEachLine(
        ofFile path: String,
        corrupt: (Failure) -> ResultsReadError,
        _ read: (inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Void
    ) throws(ResultsReadError) -> Int {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let lines = data.withUnsafeBytes { bytes in
            Result { () throws(Failure) in try forEachLine(of: bytes, read) }
        }
        do {
            return try lines.get()
        } catch {
            throw corrupt(error)
        }
    }

    /// Calls `read` with a scanner over each non-blank line of `bytes`, in order.
    ///
    /// - Returns: how many cut-off last lines were passed over (0 or 1).
    private static func forEachLine(
        of bytes: UnsafeRawBufferPointer,
        _ read: (inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Void
    ) throws(Failure) -> Int {
        var truncated = 0
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let isLast = lineEnd == bytes.count
            defer { lineStart = lineEnd + 1 }
            var scanner = JSONLineScanner(bytes, range: lineStart..<lineEnd)
            if scanner.isAtEnd() { continue }
            do throws(JSONLineScanner.Failure) {
                try read(&scanner)
            } catch {
                if isLast {
                    truncated += 1
                    continue
                }
                let place = error.offset.map { " (byte \($0 - lineStart + 1) of the line)" } ?? ""
                throw Failure(line: lineNumber, reason: error.reason + place)
            }
        }
        return truncated
    }
}
