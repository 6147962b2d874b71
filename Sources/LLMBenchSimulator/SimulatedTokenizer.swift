import Synchronization

/// The simulator's deterministic tokenizer, used for prompt token counts, `/tokenize` and `/detokenize`.
///
/// **Rule.** The text is read as Unicode scalars (not normalised: NFC and NFD spellings differ).
/// - A *word* is a maximal run of letters, digits and combining marks (Unicode `Alphabetic`, any numeric
///   type, categories `Mn`/`Mc`/`Me`), so a Vietnamese word with diacritics such as "nghiêng" is one run.
///   A run longer than 8 scalars is split, from its start, into chunks of 8 scalars (the last chunk
///   holds the rest); each chunk is one token.
/// - Every other non-whitespace scalar (punctuation, symbols, emoji, control characters) is one token.
/// - Whitespace (Unicode `White_Space`) is no token: a run of whitespace before a token becomes one
///   leading space `" "` of that token (like GPT's `" word"`); whitespace at the end of the text is dropped.
///
/// **Ids.** A token's id is the FNV-1a 64-bit hash of its UTF-8 text (leading space included) masked to
/// 53 bits (so it is exact in any JSON parser, and positive). `tokenize` records each id's text in a
/// process-wide table (at most ``tableCapacity`` entries) that `detokenize` reads; ids not in the table
/// are skipped. `count` does not touch the table.
///
/// **Properties.** `detokenize(tokenize(s))` is `s` with every whitespace run replaced by one space and
/// trailing whitespace removed; and `count(detokenize(Array(tokenize(s).prefix(k)))) == k` for every `k`,
/// so a client can cut a text to an exact token count.
public struct SimulatedTokenizer: Sendable {
    /// Words longer than this many scalars are split into chunks of this length.
    public static let maximumWordScalars = 8
    /// The most id → text entries the process-wide detokenize table keeps.
    static let tableCapacity = 2_000_000

    private static let table = Mutex<[Int: String]>([:])

    /// Creates a tokenizer; all instances share the rule and the id table.
    public init() {}

    /// The token ids of `text`.
    public func tokenize(_ text: String) -> [Int] {
        let pieces = self.pieces(of: text)
        let ids = pieces.map(Self.id(of:))
        Self.table.withLock { table in
            for (id, piece) in zip(ids, pieces) where table.count < Self.tableCapacity || table[id] != nil {
                table[id] = piece
            }
        }
        return ids
    }

    /// The text of `tokens`: their texts concatenated; ids never produced by ``tokenize(_:)`` are skipped.
    public func detokenize(_ tokens: [Int]) -> String {
        Self.table.withLock { table in
            var text = ""
            for id in tokens {
                if let piece = table[id] { text += piece }
            }
            return text
        }
    }

    /// The number of tokens of `text` (without building them).
    public func count(_ text: String) -> Int {
        var count = 0
        walkTokens(of: text) { _ in
            count += 1
        } append: { _ in
        }
        return count
    }

    /// The texts of the tokens of `text`, in order (each may start with one space).
    public func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        walkTokens(of: text) { leadingSpace in
            if !current.isEmpty { pieces.append(String(current)) }
            current = String.UnicodeScalarView()
            if leadingSpace { current.append(" ") }
        } append: { scalar in
            current.append(scalar)
        }
        if !current.isEmpty { pieces.append(String(current)) }
        return pieces
    }

    /// Walks `text` as it is cut into tokens: `start` opens each token (whether it begins with the
    /// one space kept of the whitespace before it), `append` gives each of its other scalars.
    func walkTokens(of text: String, start: (_ leadingSpace: Bool) -> Void, append: (Unicode.Scalar) -> Void) {
        var runLength = 0
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch Self.kind(of: scalar) {
            case .whitespace:
                pendingSpace = true
                runLength = 0
            case .word:
                if runLength == 0 || runLength == Self.maximumWordScalars {
                    start(pendingSpace)
                    pendingSpace = false
                    runLength = 0
                }
                append(scalar)
                runLength += 1
            case .single:
                start(pendingSpace)
                pendingSpace = false
                append(scalar)
                runLength = 0
            }
        }
    }

    /// The id of one token text: FNV-1a 64 of its UTF-8 bytes, masked to 53 bits.
    public static func id(of piece: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in piece.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash & 0x001F_FFFF_FFFF_FFFF)
    }

    enum ScalarKind {
        case whitespace, word, single
    }

    static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            case 0x09...0x0D, 0x20: return .whitespace
            default: return .single
            }
        }
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .word
        default: return .single
        }
    }
}
