import Foundation
import NIOSSL

/// User-facing text of TLS failures, one wording per cause, without BoringSSL's codes or paths.
enum TLSErrorText {
    /// What went wrong in TLS, or nil when `error` is not a TLS error.
    static func describe(_ error: any Error) -> String? {
        if let error = error as? NIOSSLExtraError {
            return error == .failedToValidateHostname
                ? "the server's certificate is not valid for this host name" : reasonText(of: "\(error)")
        }
        if let error = error as? BoringSSLError { return describe(error) }
        guard let error = error as? NIOSSLError else { return nil }
        switch error {
        case .handshakeFailed(let cause): return describe(cause)
        case .uncleanShutdown: return "the server closed the connection without ending TLS properly"
        default: return "TLS failed (\(error))"
        }
    }

    private static func describe(_ error: BoringSSLError) -> String {
        switch error {
        case .sslError(let stack), .unknownError(let stack):
            let reasons = stack.map { reason(in: "\($0)") }
            if reasons.contains("CERTIFICATE_VERIFY_FAILED") {
                return "the server's certificate is not trusted (self-signed, expired or from an unknown authority)"
            }
            if reasons.contains("WRONG_VERSION_NUMBER") || reasons.contains("HTTP_REQUEST") {
                return "the server does not speak TLS on this port (for plain HTTP, use http:// in base_url)"
            }
            if let first = reasons.first(where: { !$0.isEmpty }) { return reasonText(of: first) }
            return "the TLS handshake failed"
        case .syscallError: return "the connection broke during the TLS handshake"
        case .zeroReturn: return "the server closed the TLS connection"
        default: return "the TLS handshake failed"
        }
    }

    /// BoringSSL's reason code in an error's description (`error:…:SSL routines:OPENSSL_internal:REASON at …`).
    static func reason(in description: String) -> String {
        guard let marker = description.range(of: "OPENSSL_internal:") else { return "" }
        return String(description[marker.upperBound...].prefix { $0 != " " })
    }

    /// `TLSV1_ALERT_PROTOCOL_VERSION` as "the TLS handshake failed (tlsv1 alert protocol version)".
    private static func reasonText(of reason: String) -> String {
        let words = ConnectErrorText.withoutPaths(reason).replacingOccurrences(of: "_", with: " ").lowercased()
        return "the TLS handshake failed (\(words))"
    }
}
