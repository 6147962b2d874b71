/// The lines of a trace file with their 1-based numbers, blank lines left out, `\r\n` read as `\n`.
struct TraceLines: Sequence {
    let text: String

    func makeIterator() -> AnyIterator<(number: Int, content: Substring)> {
        var lines = text.lineFeedLines.makeIterator()
        var number = 0
        return AnyIterator {
            while let line = lines.next() {
                number += 1
                var content = line[...]
                if content.last == "\r" { content = content.dropLast() }
                if !content.allSatisfy(\.isWhitespace) { return (number, content) }
            }
            return nil
        }
    }
}
