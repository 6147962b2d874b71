import NIOCore

/// A bounded log of ``RequestTruth`` in arrival order, addressable by absolute arrival index and by
/// request id; when full, the oldest record is dropped.
struct TruthLog: Sendable {
    private var records: CircularBuffer<RequestTruth> = []
    private var indexByRequestID: [String: Int] = [:]
    /// Absolute index of `records.first`.
    private var firstIndex = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Appends a record and returns its absolute index, or `nil` when the capacity is 0.
    mutating func append(_ truth: RequestTruth) -> Int? {
        guard capacity > 0 else { return nil }
        if records.count == capacity {
            let dropped = records.removeFirst()
            if indexByRequestID[dropped.requestID] == firstIndex {
                indexByRequestID.removeValue(forKey: dropped.requestID)
            }
            firstIndex += 1
        }
        let index = firstIndex + records.count
        records.append(truth)
        indexByRequestID[truth.requestID] = index
        return index
    }

    /// Replaces the record at an absolute index, unless it was dropped meanwhile.
    mutating func update(at index: Int, _ truth: RequestTruth) {
        guard let position = position(of: index) else { return }
        records[position] = truth
    }

    /// The latest record with this request id.
    func truth(requestID: String) -> RequestTruth? {
        indexByRequestID[requestID].flatMap(position(of:)).map { records[$0] }
    }

    /// The records with an absolute index of at least `since`, in arrival order.
    func truths(since: Int = 0) -> [RequestTruth] {
        let skip = max(0, since - firstIndex)
        guard skip < records.count else { return [] }
        return Array(records.dropFirst(skip))
    }

    private func position(of index: Int) -> CircularBuffer<RequestTruth>.Index? {
        let offset = index - firstIndex
        guard offset >= 0, offset < records.count else { return nil }
        return records.index(records.startIndex, offsetBy: offset)
    }
}
