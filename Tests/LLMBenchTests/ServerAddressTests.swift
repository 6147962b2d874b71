import NIOHTTP1
import Testing

@testable import LLMBench

/// `ServerAddress(parsing:)`, `hostHeader` and `description`.
struct ServerAddressTests {
    @Test(arguments: [
        ("http://localhost/v1", false, "localhost", 80, "/v1"),
        ("https://api.example.com/v1", true, "api.example.com", 443, "/v1"),
        ("http://localhost:8000/v1", false, "localhost", 8000, "/v1"),
        ("https://api.example.com:8443", true, "api.example.com", 8443, ""),
        ("http://10.0.0.5:8000/v1/", false, "10.0.0.5", 8000, "/v1"),
        ("http://host:8000/openai/v1//", false, "host", 8000, "/openai/v1"),
        ("http://host:8000/", false, "host", 8000, ""),
        ("HTTP://Host:8000/v1", false, "Host", 8000, "/v1"),
        ("http://[::1]:8000/v1", false, "::1", 8000, "/v1"),
        ("https://[2001:db8::1]/v1", true, "2001:db8::1", 443, "/v1"),
        ("http://host:8000/v1#frag", false, "host", 8000, "/v1"),
    ])
    func parses(text: String, isTLS: Bool, host: String, port: Int, basePath: String) throws {
        let address = try #require(ServerAddress(parsing: text))
        #expect(address == ServerAddress(isTLS: isTLS, host: host, port: port, basePath: basePath))
    }

    @Test(arguments: [
        ("http://host:8000/v1?x=1", "/v1", "x=1"),
        (
            "https://r.openai.azure.com/openai/deployments/d?api-version=2024-02-01", "/openai/deployments/d",
            "api-version=2024-02-01"
        ),
        ("http://host?x=1", "", "x=1"),
        ("http://host/v1/?a=1&b=2#frag", "/v1", "a=1&b=2"),
        ("http://host/v1#frag?not=query", "/v1", ""),
    ])
    func keepsTheQueryString(text: String, basePath: String, query: String) throws {
        let address = try #require(ServerAddress(parsing: text))
        #expect(address.basePath == basePath)
        #expect(address.query == query)
    }

    @Test func theQueryIsAppendedToEveryRequestTarget() throws {
        let address = try #require(ServerAddress(parsing: "https://r.example.com/openai?api-version=2024-02-01"))
        let factory = RequestFactory(address: address, apiKey: nil, extraHeaders: [:], model: "m", api: .chat)
        let generation = factory.head(method: .POST, path: factory.generationPath, bodyLength: 2)
        #expect(generation.uri == "/openai/chat/completions?api-version=2024-02-01")
        #expect(
            factory.head(method: .GET, path: "/models", bodyLength: 0).uri == "/openai/models?api-version=2024-02-01"
        )
        let tokenize = factory.head(method: .POST, path: "/tokenize", isRootPath: true, bodyLength: 2)
        #expect(tokenize.uri == "/tokenize?api-version=2024-02-01")
        #expect(address.description == "https://r.example.com/openai?api-version=2024-02-01")
    }

    @Test(arguments: [
        "", "localhost:8000", "ftp://host/v1", "http://", "https://", "http:///v1", "http://:8000/v1",
        "http://host:0/v1", "http://host:65536/v1", "http://host:port/v1", "http://host:/v1", "http://user@host/v1",
        "http://[::1/v1", "http://[::1]x/v1", "http://[::1]:99999/v1", "embedded",
    ])
    func rejects(text: String) {
        #expect(ServerAddress(parsing: text) == nil)
    }

    @Test(arguments: [
        (ServerAddress(isTLS: false, host: "localhost", port: 80, basePath: "/v1"), "localhost", "http://localhost/v1"),
        (
            ServerAddress(isTLS: true, host: "api.example.com", port: 443, basePath: ""), "api.example.com",
            "https://api.example.com"
        ),
        (
            ServerAddress(isTLS: false, host: "localhost", port: 8000, basePath: "/v1"), "localhost:8000",
            "http://localhost:8000/v1"
        ),
        (ServerAddress(isTLS: true, host: "h", port: 80, basePath: "/v1"), "h:80", "https://h:80/v1"),
        (ServerAddress(isTLS: false, host: "::1", port: 8000, basePath: "/v1"), "[::1]:8000", "http://[::1]:8000/v1"),
        (ServerAddress(isTLS: false, host: "::1", port: 80, basePath: ""), "[::1]", "http://[::1]"),
    ])
    func hostHeaderAndDescription(address: ServerAddress, hostHeader: String, description: String) {
        #expect(address.hostHeader == hostHeader)
        #expect(address.description == description)
    }

    @Test(arguments: [
        "http://localhost:8000/v1", "https://api.example.com/v1", "http://[::1]:8000/v1", "http://h/v1?api-version=1",
    ])
    func descriptionParsesBackToTheSameAddress(text: String) throws {
        let address = try #require(ServerAddress(parsing: text))
        #expect(address.description == text)
        #expect(ServerAddress(parsing: address.description) == address)
    }
}
