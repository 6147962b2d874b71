/// A small, fast, seedable generator (SplitMix64), so that runs repeat exactly.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one stream of draws derived from `seed` and an index (e.g. a request's arrival index).
    init(seed: UInt64, stream index: UInt64) {
        var mixer = SeededGenerator(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in `0 ..< 1`.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw in `-fraction ... fraction` (0 when `fraction` is 0, without consuming a draw).
    mutating func nextJitter(_ fraction: Double) -> Double {
        guard fraction > 0 else { return 0 }
        return (nextUnit() * 2 - 1) * fraction
    }
}
