extension SimulatedTokenizer {
    /// Calls `body` with the id of each token of `text`, in order: the ids ``tokenize(_:)`` returns,
    /// without building the texts or touching the detokenize table (for the prefix cache).
    public func forEachTokenID(in text: String, _ body: (Int) -> Void) {
        var hash: UInt64 = 0
        var isOpen = false

        func feed(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        func finish() {
            if isOpen { body(Int(hash & 0x001F_FFFF_FFFF_FFFF)) }
        }
        walkTokens(of: text) { leadingSpace in
            finish()
            hash = 0xCBF2_9CE4_8422_2325
            isOpen = true
            if leadingSpace { feed(0x20) }
        } append: { scalar in
            guard let encoded = UTF8.encode(scalar) else { return }
            for byte in encoded { feed(byte) }
        }
        finish()
    }
}
