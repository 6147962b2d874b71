import LLMBenchSimulator
import LLMBenchSupport
import Testing

struct SimulatedTokenizerTests {
    let tokenizer = SimulatedTokenizer()
    let vietnamese = "Hà Nội mùa thu, trời trong xanh; người người đi dạo."

    @Test func splitsVietnameseIntoWordsAndPunctuation() {
        #expect(
            tokenizer.pieces(of: vietnamese) == [
                "Hà", " Nội", " mùa", " thu", ",", " trời", " trong", " xanh", ";", " người", " người", " đi",
                " dạo", ".",
            ]
        )
        #expect(tokenizer.count(vietnamese) == 14)
        #expect(tokenizer.tokenize(vietnamese).count == 14)
        #expect(tokenizer.count("nghiêng") == 1)
    }

    @Test func roundTripsVietnamese() {
        #expect(tokenizer.detokenize(tokenizer.tokenize(vietnamese)) == vietnamese)
    }

    @Test func splitsLongWordsIntoChunksOfEight() {
        #expect(tokenizer.pieces(of: "abcdefghijklmnopqrst") == ["abcdefgh", "ijklmnop", "qrst"])
        #expect(tokenizer.pieces(of: "x abcdefgh") == ["x", " abcdefgh"])
        #expect(tokenizer.count("chữ_nghĩa123456789") == 4)
    }

    @Test func normalisesWhitespace() {
        let text = "  Xin \n\t chào  thế giới!  \n"
        #expect(tokenizer.detokenize(tokenizer.tokenize(text)) == " Xin chào thế giới!")
        #expect(tokenizer.count("   ") == 0)
        #expect(tokenizer.tokenize("").isEmpty)
    }

    @Test func idsAreStableAndJSONSafe() {
        let first = tokenizer.tokenize(vietnamese)
        let second = SimulatedTokenizer().tokenize(vietnamese)
        #expect(first == second)
        #expect(first[9] == first[10])  // " người" twice
        #expect(first.allSatisfy { $0 >= 0 && $0 < 1 << 53 })
        #expect(SimulatedTokenizer.id(of: " người") == first[9])
    }

    @Test func skipsUnknownIds() {
        let ids = tokenizer.tokenize("một hai")
        #expect(tokenizer.detokenize([ids[0], 12_345, ids[1]]) == "một hai")
    }

    @Test(arguments: [
        "Hà Nội mùa thu, trời trong xanh; người người đi dạo.",
        "Cộng hòa xã hội chủ nghĩa Việt Nam — độc lập, tự do, hạnh phúc!!",
        "antidisestablishmentarianism and ngoằngnghoèo (2024-05-01) 🙂👍",
        "NFD: Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t, thành phố",
    ])
    func everyPrefixCutsToExactCount(text: String) {
        checkPrefixProperty(text)
    }

    @Test func everyPrefixCutsToExactCountOnRandomText() {
        let alphabet =
            Array("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ0123456789")
            + Array("      \n\t.,;:!?-—()\"'/\\@#%&*+=<>[]{}🙂漢字\u{0301}")
        var generator = SeededRandom(seed: 2024)
        for _ in 0..<60 {
            let length = Int(generator.next() % 80)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            checkPrefixProperty(text)
            let normalised = tokenizer.detokenize(tokenizer.tokenize(text))
            #expect(tokenizer.detokenize(tokenizer.tokenize(normalised)) == normalised)
        }
    }

    @Test func vocabularyWordsAreSingleTokens() {
        let words = SimulatedVocabulary.words
        #expect(Set(words).count >= 200)
        for word in words {
            #expect(word.unicodeScalars.count <= SimulatedTokenizer.maximumWordScalars, "\(word)")
            #expect(tokenizer.count(" " + word) == 1, "\(word)")
            #expect(word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }, "\(word)")
        }
    }

    private func checkPrefixProperty(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = tokenizer.tokenize(text)
        #expect(tokenizer.count(text) == ids.count, sourceLocation: sourceLocation)
        for k in 0...ids.count {
            let prefix = tokenizer.detokenize(Array(ids.prefix(k)))
            #expect(tokenizer.count(prefix) == k, "k=\(k) of \(text.debugDescription)", sourceLocation: sourceLocation)
            #expect(tokenizer.tokenize(prefix) == Array(ids.prefix(k)), sourceLocation: sourceLocation)
        }
    }
}
