/// Which arrival times the timed connections use (`timestamps`).
public enum TimestampSetting: String, Sendable, CaseIterable, Codable {
    /// The kernel's receive times where the platform and socket give them, else user-space read times.
    case auto
    /// User-space read times always, kernel stamps left off.
    case user
}
