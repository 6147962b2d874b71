extension JSONValue {
    /// The path of the first place where `other` differs from this value (`load.rate`,
    /// `cases[1].input_tokens`), keys in sorted order; nil when they are equal.
    func firstDifference(from other: JSONValue, at path: String = "") -> String? {
        switch (self, other) {
        case (.object(let mine), .object(let theirs)):
            for key in Set(mine.keys).union(theirs.keys).sorted() {
                let inner = path.isEmpty ? key : "\(path).\(key)"
                guard let value = mine[key], let otherValue = theirs[key] else { return inner }
                if let difference = value.firstDifference(from: otherValue, at: inner) { return difference }
            }
            return nil
        case (.array(let mine), .array(let theirs)):
            guard mine.count == theirs.count else { return path }
            for (position, pair) in zip(mine, theirs).enumerated() {
                if let difference = pair.0.firstDifference(from: pair.1, at: "\(path)[\(position)]") {
                    return difference
                }
            }
            return nil
        default:
            return self == other ? nil : path
        }
    }
}
