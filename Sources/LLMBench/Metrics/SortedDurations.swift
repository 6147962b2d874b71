/// The durations of many lists pooled and sorted ascending, for exact percentiles over every
/// streamed event of a case at four bytes per value (eight for the rare ones of 4.29 s or more).
public struct SortedDurations: RandomAccessCollection, Sendable {
    /// Values below 2³² − 1 ns, sorted.
    private var compact: [UInt32] = []
    /// The others, sorted; all of them are larger than every compact value.
    private var long: [UInt64] = []

    /// Pools and sorts the durations of `lists`.
    public init(_ lists: some Sequence<DurationList>) {
        var compactCount = 0
        for list in lists {
            compactCount += list.count - list.long.count
        }
        compact.reserveCapacity(compactCount)
        for list in lists {
            for value in list.compact where value != DurationList.overflowMarker {
                compact.append(value)
            }
            long.append(contentsOf: list.long)
        }
        compact.sort()
        long.sort()
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int { compact.count + long.count }

    public subscript(position: Int) -> UInt64 {
        position < compact.count ? UInt64(compact[position]) : long[position - compact.count]
    }
}
