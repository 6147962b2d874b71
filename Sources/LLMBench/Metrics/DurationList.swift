/// Nanosecond durations in order, four bytes each: half the memory of `[UInt64]` for the one
/// value a benchmark keeps per streamed event, and still exact. A duration of 2³² − 1 ns (4.29 s)
/// or more leaves a marker in the compact array and is kept whole in a side array.
public struct DurationList: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral {
    /// The compact values; `overflowMarker` where the value is in `long`.
    private(set) var compact: [UInt32] = []
    /// The values of 2³² − 1 ns or more, in order.
    private(set) var long: [UInt64] = []

    static let overflowMarker = UInt32.max

    /// An empty list.
    public init() {}

    /// A list of `values`, in their order.
    public init(_ values: some Sequence<UInt64>) {
        compact.reserveCapacity(values.underestimatedCount)
        for value in values { append(value) }
    }

    public init(arrayLiteral values: UInt64...) {
        self.init(values)
    }

    /// How many durations.
    public var count: Int { compact.count }

    /// Whether there are none.
    var isEmpty: Bool { compact.isEmpty }

    /// Makes room for `capacity` durations below 4.29 s without reallocating.
    public mutating func reserveCapacity(_ capacity: Int) {
        compact.reserveCapacity(capacity)
    }

    /// Appends `nanoseconds`.
    public mutating func append(_ nanoseconds: UInt64) {
        if nanoseconds < UInt64(Self.overflowMarker) {
            compact.append(UInt32(truncatingIfNeeded: nanoseconds))
        } else {
            compact.append(Self.overflowMarker)
            long.append(nanoseconds)
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(list: self)
    }

    /// Walks the durations in order.
    public struct Iterator: IteratorProtocol {
        private let list: DurationList
        private var position = 0
        private var longPosition = 0

        init(list: DurationList) {
            self.list = list
        }

        public mutating func next() -> UInt64? {
            guard position < list.compact.count else { return nil }
            let value = list.compact[position]
            position += 1
            guard value == DurationList.overflowMarker else { return UInt64(value) }
            defer { longPosition += 1 }
            return list.long[longPosition]
        }
    }
}
