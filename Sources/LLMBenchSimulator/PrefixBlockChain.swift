/// The chained hashes of a token sequence's full blocks, growing as tokens are appended: block `i`'s
/// hash covers its own tokens and, through block `i - 1`'s hash, every token before it, so two
/// sequences share a block hash exactly when they share every token up to that block's end.
///
/// Tokens come in as 64-bit keys (``PrefixBlockChain/key(tokenID:role:startsMessage:)``). Appending
/// costs a multiply and a few shifts, and one array append per full block.
struct PrefixBlockChain: Sendable, Equatable {
    /// Tokens per block.
    let blockTokens: Int
    /// The hash of each full block, in order.
    private(set) var hashes: [UInt64] = []
    /// Tokens appended so far.
    private(set) var tokenCount = 0
    /// The hash of the open (partial) block so far.
    private var current: UInt64
    private var tokensInCurrent = 0

    /// The hash a sequence's first block chains from.
    private static let root: UInt64 = 0x5AD1_C0DE_0B10_C4ED

    init(blockTokens: Int) {
        self.blockTokens = blockTokens
        current = Self.root
    }

    /// Appends one token.
    mutating func append(_ key: UInt64) {
        current = Self.mix(current ^ key)
        tokenCount += 1
        tokensInCurrent += 1
        guard tokensInCurrent == blockTokens else { return }
        // A finished block's hash is final and seeds the next block, which so depends on it.
        current = Self.mix(current ^ UInt64(blockTokens))
        hashes.append(current)
        tokensInCurrent = 0
    }

    /// A 64-bit mixer (the splitmix64 finaliser) with a multiply first, so each step depends on
    /// every bit of the one before.
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

extension PrefixBlockChain {
    /// The role of a chat message, as a small code in a token's key (0 for a completion prompt).
    enum Role: UInt64, Sendable {
        case none = 0, system, user, assistant, tool, developer, other

        init(chatRole: String?) {
            switch chatRole {
            case "system": self = .system
            case "user": self = .user
            case "assistant": self = .assistant
            case "tool", "function": self = .tool
            case "developer": self = .developer
            default: self = .other
            }
        }
    }

    /// A token's key: its id (53 bits, as ``SimulatedTokenizer`` makes them) with the role of its
    /// message above it and a bit on a message's first token, so the same words in messages of
    /// different roles, or split differently between messages, are different tokens (as a chat
    /// template's markers make them for a real model).
    static func key(tokenID: Int, role: Role = .none, startsMessage: Bool = false) -> UInt64 {
        let id = UInt64(truncatingIfNeeded: tokenID) & 0x001F_FFFF_FFFF_FFFF
        return id | role.rawValue << 53 | (startsMessage ? 1 << 63 : 0)
    }
}
