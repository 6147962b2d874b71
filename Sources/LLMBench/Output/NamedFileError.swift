import Foundation

/// A file the user named on the command line (`-o`, `--report`) that cannot be written: the
/// path and the reason, a missing folder named, as one sentence.
public struct NamedFileError: Error, Sendable, CustomStringConvertible {
    /// What the file was to hold, e.g. "the report".
    public var what: String
    public var path: String
    /// The system's words, or the missing folder.
    public var reason: String

    /// `cannot write the report to 'out/x.html': the folder 'out' does not exist (create it first).`
    public var description: String { "cannot write \(what) to '\(path)': \(reason)." }

    /// Writes `bytes` to `path`, replacing what is there, through a temporary file.
    public static func write(_ bytes: [UInt8], to path: String, what: String) throws(NamedFileError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw NamedFileError(what: what, path: path, reason: reason(for: error as NSError, path: path))
        }
    }

    /// The missing folder when that is why, else the POSIX error's text, else the system's words.
    private static func reason(for error: NSError, path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            return "the folder '\(folder)' does not exist (create it first)"
        }
        var text = error.localizedDescription
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            text = String(cString: strerror(Int32(underlying.code)))
        }
        while text.last == "." { text.removeLast() }
        return text
    }
}
