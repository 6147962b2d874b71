/// Part of a sample kept for drawing, with where each kept element came from and how many there
/// were, so that the chart's note can say "500 of 10,000 requests drawn".
struct Downsampled<Element: Sendable>: Sendable {
    /// The kept elements, in their original order.
    let elements: [Element]
    /// Each kept element's position in the input (for a CDF: the rank of its value).
    let sourceIndices: [Int]
    /// How many elements the input had.
    let originalCount: Int

    var keptCount: Int { elements.count }
    /// Whether some of the input was left out.
    var isReduced: Bool { keptCount < originalCount }
}
