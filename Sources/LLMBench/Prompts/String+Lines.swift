extension String {
    /// The text's lines, split at each line feed (a `\r\n` line keeps its `\r`; Swift reads `\r\n`
    /// as one Character, so a split on Characters would not cut there), empty lines kept.
    var lineFeedLines: [Substring] {
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
    }
}
