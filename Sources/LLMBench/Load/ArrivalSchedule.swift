import Foundation
import LLMBenchSupport

/// Draws request arrivals in rate mode, seeded so a run can be repeated.
///
/// During a ramp-up of T seconds the rate rises linearly from 0 at the case start to `rate` at T
/// (λ(t) = rate · t / T): arrivals are drawn at the full rate on a warped time axis u, where
/// u(t) = t² / 2T up to T and T/2 + (t − T) after, and mapped back to case time.
struct ArrivalSchedule {
    let rate: Double
    let arrival: LoadSettings.Arrival
    let burstiness: Double
    let rampUpSeconds: Double
    private var random: SeededRandom
    /// Seconds of full-rate time drawn so far; the first arrival is at `firstArrivalSeconds`.
    private var fullRateOffset: Double?
    /// Full-rate time of the first arrival: 0, or a shard's place among the shards' arrivals.
    private let firstArrivalSeconds: Double

    init(
        rate: Double,
        arrival: LoadSettings.Arrival,
        burstiness: Double,
        rampUpSeconds: Double = 0,
        seed: UInt64,
        firstArrivalSeconds: Double = 0
    ) {
        self.rate = rate
        self.arrival = arrival
        self.burstiness = burstiness
        self.rampUpSeconds = rampUpSeconds
        self.firstArrivalSeconds = firstArrivalSeconds
        random = SeededRandom(seed: seed)
    }

    /// Seconds from the case start to the next arrival: `firstArrivalSeconds` (0 unless sharded)
    /// first, then one drawn gap later each.
    mutating func nextArrivalOffset() -> Double {
        let offset = fullRateOffset.map { $0 + nextGap() } ?? firstArrivalSeconds
        fullRateOffset = offset
        return Self.caseTime(ofFullRateTime: offset, rampUpSeconds: rampUpSeconds)
    }

    /// Case time at which `u` seconds of full-rate arrivals have elapsed, over a linear ramp.
    static func caseTime(ofFullRateTime u: Double, rampUpSeconds ramp: Double) -> Double {
        guard ramp > 0 else { return u }
        return u <= ramp / 2 ? (2 * ramp * u).squareRoot() : u + ramp / 2
    }

    /// The next gap in seconds; its mean is 1/rate for every arrival process.
    mutating func nextGap() -> Double {
        switch arrival {
        case .constant:
            return 1 / rate
        case .poisson:
            return -log(1 - unit()) / rate
        case .gamma:
            return gamma(shape: burstiness) / (burstiness * rate)
        }
    }

    /// A uniform draw in [0, 1).
    private mutating func unit() -> Double {
        Double(random.next() >> 11) / Double(1 << 53)
    }

    private mutating func normal() -> Double {
        let u1 = max(unit(), .leastNonzeroMagnitude)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * unit())
    }

    /// A gamma draw with scale 1 (Marsaglia and Tsang; boosted for shapes below 1).
    private mutating func gamma(shape: Double) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1) * pow(max(unit(), .leastNonzeroMagnitude), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = unit()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) {
                return d * v
            }
        }
    }
}
