extension Double {
    /// The value as an `Int` when it is a whole number well inside the range a `Double` holds
    /// exactly (|value| < 10^15), as a server's counts exposed as floats are; else nil.
    var wholeNumber: Int? {
        rounded() == self && abs(self) < 1e15 ? Int(self) : nil
    }
}
