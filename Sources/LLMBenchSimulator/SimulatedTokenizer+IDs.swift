extension SimulatedTokenizer {
    /// Calls `body` with the id of each token of `text`, in order: the ids ``tokenize(_:)`` returns,
    /// without building the texts or touching the detokenize table (for the prefix cache).
    public func forEachTokenID(in text: String, _ body: (Int) -> Void) {
        var hash: UInt64 = 0
        var isOpen = false
        var runLength = 0
        var pendingSpace = false

        func feed(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        func finish() {
            if isOpen { body(Int(hash & 0x001F_FFFF_FFFF_FFFF)) }
        }
        func startToken() {
            finish()
            hash = 0xCBF2_9CE4_8422_2325
            isOpen = true
            if pendingSpace { feed(0x20) }
            pendingSpace = false
        }
        func feed(_ scalar: Unicode.Scalar) {
            guard let encoded = UTF8.encode(scalar) else { return }
            for byte in encoded { feed(byte) }
        }

        for scalar in text.unicodeScalars {
            switch Self.kind(of: scalar) {
            case .whitespace:
                pendingSpace = true
                runLength = 0
            case .word:
                if runLength == 0 || runLength == Self.maximumWordScalars {
                    startToken()
                    runLength = 0
                }
                feed(scalar)
                runLength += 1
            case .single:
                startToken()
                feed(scalar)
                runLength = 0
            }
        }
        finish()
    }
}
