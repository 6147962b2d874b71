/// How a drawn value of the config (a length, a think time) is written back in the YAML form the
/// config reads: a number, `{uniform: [low, high]}`, `{normal: {mean, stddev, min, max}}` or
/// `{exponential: mean}`.
enum DrawnValueCoding {
    private enum Keys: String, CodingKey {
        case uniform
        case normal
        case exponential
    }

    private enum NormalKeys: String, CodingKey {
        case mean
        case stddev
        case min
        case max
    }

    static func fixed(_ value: some Encodable, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    static func uniform<Bound: Encodable>(_ low: Bound, _ high: Bound, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode([low, high], forKey: .uniform)
    }

    static func normal<Bound: Encodable>(
        mean: Double,
        standardDeviation: Double,
        min low: Bound,
        max high: Bound,
        to encoder: any Encoder
    ) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var normal = container.nestedContainer(keyedBy: NormalKeys.self, forKey: .normal)
        try normal.encode(mean, forKey: .mean)
        try normal.encode(standardDeviation, forKey: .stddev)
        try normal.encode(low, forKey: .min)
        try normal.encode(high, forKey: .max)
    }

    static func exponential(mean: Double, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(mean, forKey: .exponential)
    }
}
