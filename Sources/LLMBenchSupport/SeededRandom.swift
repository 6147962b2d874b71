/// SplitMix64 (Steele, Lea and Flood, with Vigna's constants): a small, fast generator whose draws
/// follow from its seed alone, so a seeded run, a random test input and the simulator's timing
/// repeat exactly. The sequence for a seed is part of what a seed means: do not change it.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one stream of draws derived from `seed` and an index (e.g. a request's
    /// arrival index), so each stream repeats whatever order the streams are drawn in.
    public init(seed: UInt64, stream index: UInt64) {
        var mixer = SeededRandom(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniform draw in `0 ..< 1` from the top 53 bits of one draw.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
